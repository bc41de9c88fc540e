import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local bound to one address (default 127.0.0.1) instead of every interface.
 *
 * DynamoDB Local has no bind-address option: DynamoDBProxyServer builds its Jetty Server from the port alone and
 * keeps it in the private field "server". Its connectors are not started until start(), so setting their host
 * first is enough. DynamoDB Local refuses "-port 0", so -Dtally.port overrides the connector's port (0 = any free
 * port). After start, prints "LISTENING <host> <port>" with the port actually bound, and exits
 * when standard input closes, so the server never outlives the process that started it.
 *
 * Usage: java -Dtally.host=127.0.0.1 -Dtally.port=0 -cp <launcher, jar and libs> Launcher <DynamoDB Local arguments>
 *
 * "Launcher --prepare-cds <DynamoDBLocal.jar> <out.jar>" writes a copy of DynamoDBLocal.jar holding this launcher
 * and without the manifest's Class-Path: that lists ".", a directory, and the JVM's class data sharing (which
 * halves DynamoDB Local's startup) accepts only jar files on the class path.
 */
public final class Launcher {
  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("--prepare-cds")) {
      prepareCds(Path.of(args[1]), Path.of(args[2]));
      return;
    }
    String host = System.getProperty("tally.host", "127.0.0.1");
    String port = System.getProperty("tally.port");
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) {
        throw new IllegalStateException("Unexpected connector type " + connector.getClass().getName());
      }
      ((ServerConnector) connector).setHost(host);
      if (port != null) ((ServerConnector) connector).setPort(Integer.parseInt(port));
    }
    proxy.start();
    if (!server.isStarted()) {
      System.err.println("DynamoDB Local did not start");
      System.exit(1);
    }
    for (Connector connector : connectors) {
      ServerConnector c = (ServerConnector) connector;
      System.out.println("LISTENING " + c.getHost() + " " + c.getLocalPort());
    }
    System.out.flush();

    Thread watchdog = new Thread(() -> {
      try {
        InputStream in = System.in;
        byte[] buffer = new byte[64];
        while (in.read(buffer) >= 0) {
          // Only the end of input matters.
        }
      } catch (Exception ignored) {
        // A broken pipe means the parent is gone, the same as end of input.
      }
      try {
        proxy.stop();
      } catch (Exception ignored) {
        // Exiting anyway.
      }
      System.exit(0);
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    proxy.join();
  }

  private static void prepareCds(Path dynamoJar, Path out) throws Exception {
    try (JarFile in = new JarFile(dynamoJar.toFile());
        OutputStream file = Files.newOutputStream(out)) {
      Manifest manifest = new Manifest(in.getManifest());
      manifest.getMainAttributes().remove(Attributes.Name.CLASS_PATH);
      try (JarOutputStream jar = new JarOutputStream(file, manifest)) {
        Enumeration<JarEntry> entries = in.entries();
        while (entries.hasMoreElements()) {
          JarEntry entry = entries.nextElement();
          if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) continue;
          jar.putNextEntry(new JarEntry(entry.getName()));
          try (InputStream data = in.getInputStream(entry)) {
            data.transferTo(jar);
          }
          jar.closeEntry();
        }
        jar.putNextEntry(new JarEntry("Launcher.class"));
        try (InputStream self = Launcher.class.getResourceAsStream("Launcher.class")) {
          if (self == null) throw new IllegalStateException("Launcher.class not found");
          self.transferTo(jar);
        }
        jar.closeEntry();
      }
    }
  }
}

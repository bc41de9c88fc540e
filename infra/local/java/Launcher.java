import java.io.InputStream;
import java.lang.reflect.Field;
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
 */
public final class Launcher {
  public static void main(String[] args) throws Exception {
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
}

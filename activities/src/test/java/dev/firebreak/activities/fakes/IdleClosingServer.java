package dev.firebreak.activities.fakes;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server that behaves like Jetty with its idle timeout: it answers with keep-alive, keeps
 * the connection open for the next request, and closes it once it has been idle for {@code
 * idleTimeout} (Jetty's default is 30 s), without telling the client. A client that reuses such a
 * connection writes to a socket nobody reads, which is the "unexpected end of stream" that made
 * healthy services look down. MockWebServer never closes an idle connection, so it cannot show
 * this. Each request is answered with the same status and JSON body.
 */
public final class IdleClosingServer implements AutoCloseable {

  /** How the server drops an idle connection: a clean close (FIN) or a reset (RST). */
  public enum Close {
    GRACEFUL,
    RESET
  }

  private final ServerSocket server;
  private final Duration idleTimeout;
  private final Close close;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger idleClosed = new AtomicInteger();
  private volatile int status = 200;
  private volatile String body = FakeHealthEndpoint.HEALTHY;

  public IdleClosingServer(Duration idleTimeout, Close close) {
    this.idleTimeout = idleTimeout;
    this.close = close;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "idle-closing-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  /** What every later request is answered with. */
  public IdleClosingServer answer(int status, String json) {
    this.status = status;
    this.body = json;
    return this;
  }

  /** "METHOD path" of every request read, oldest first. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** How many connections clients opened. */
  public int connections() {
    return connections.get();
  }

  /** Waits until the server has closed {@code count} connections for being idle. */
  public void awaitIdleClosed(int count) throws InterruptedException {
    long deadline = System.nanoTime() + idleTimeout.multipliedBy(20).toNanos();
    while (idleClosed.get() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the server closed " + idleClosed.get() + " idle connections, not " + count);
      }
      Thread.sleep(5);
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        Thread handler = new Thread(() -> serve(socket), "idle-closing-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout((int) idleTimeout.toMillis());
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        String head;
        try {
          head = readHead(in);
        } catch (SocketTimeoutException idle) {
          if (close == Close.RESET) {
            socket.setSoLinger(true, 0);
          }
          idleClosed.incrementAndGet();
          return;
        }
        if (head == null) {
          return; // the client closed the connection
        }
        skipBody(in, head);
        String[] requestLine = head.split("\r\n", 2)[0].split(" ");
        requests.add(requestLine[0] + " " + requestLine[1]);
        byte[] answer = body.getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 "
                    + status
                    + " Answer\r\nContent-Type: application/json\r\nContent-Length: "
                    + answer.length
                    + "\r\nConnection: keep-alive\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        if (!requestLine[0].equals("HEAD")) {
          out.write(answer);
        }
        out.flush();
      }
    } catch (IOException broken) {
      // The client went away mid-request; nothing to answer.
    }
  }

  /** The request line and headers, or null when the connection ended before a request. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static void skipBody(InputStream in, String head) throws IOException {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).trim()));
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

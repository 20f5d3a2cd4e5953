package dev.firebreak.activities.http;

import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;

/**
 * Whether one call went out on a pooled connection rather than one it opened itself. A server
 * closes keep-alive connections it has seen idle for a while (Jetty after 30 s), and OkHttp does
 * not probe a pooled connection before a GET, so the first call after a pause can be written to a
 * socket the server already closed; knowing that the connection was reused is what tells that
 * failure apart from a server that cannot be reached at all.
 */
final class ConnectionReuse extends EventListener {

  private volatile boolean connected;
  private volatile boolean acquired;

  /** The listener of a call that carries one as its request's tag, otherwise none. */
  static EventListener of(Call call) {
    ConnectionReuse reuse = call.request().tag(ConnectionReuse.class);
    return reuse == null ? EventListener.NONE : reuse;
  }

  /** True when the call was given a connection from the pool and never opened one. */
  boolean reused() {
    return acquired && !connected;
  }

  @Override
  public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    connected = true;
  }

  @Override
  public void connectionAcquired(Call call, Connection connection) {
    acquired = true;
  }
}

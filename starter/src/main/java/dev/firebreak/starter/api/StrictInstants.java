package dev.firebreak.starter.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Instants in request bodies only as ISO-8601 text. Jackson's own reader also takes a bare number
 * as seconds since 1970, so a caller who sent milliseconds would schedule a window tens of
 * thousands of years away instead of hearing that the field is wrong.
 */
final class StrictInstants extends SimpleModule {
  private static final long serialVersionUID = 1L;

  StrictInstants() {
    super("StrictInstants");
    addDeserializer(Instant.class, new Text());
  }

  private static final class Text extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    Text() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }
  }
}

package dev.firebreak.starter.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads one sender's webhook body; a body it cannot read is refused whole with the field named. */
interface AlertFormat {

  /** Every alert in the body; throws {@code Refusal} 400 naming the first field at fault. */
  List<ReceivedAlert> read(JsonNode body);
}

package dev.firebreak.activities.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StripeSignatureTest {

  @Test
  void signsTimestampDotBodyWithHmacSha256AsStripeDoes() {
    // Expected value computed independently with Python's hmac module.
    assertThat(
            StripeSignature.header(
                "whsec_test_secret", 1700000000L, "{\"id\":\"evt_1\",\"object\":\"event\"}"))
        .isEqualTo(
            "t=1700000000,v1=0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd");
  }
}

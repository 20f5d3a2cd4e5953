package dev.firebreak.workflows.notify;

/**
 * TwiML, the XML Twilio reads to know what to say on a call or reply to a text, written down once:
 * the call's page (activities) and the replies of the inbound webhooks (starter) must escape text
 * the same way, because a title or a reply holding {@code <} or {@code &} would otherwise end the
 * document early and Twilio would say its own error message instead of the page.
 */
public final class Twiml {

  /**
   * Where Twilio posts a call's key press, under Firebreak's public URL: the call's page names it
   * (activities) and the starter serves it.
   */
  public static final String VOICE_WEBHOOK = "/webhooks/twilio/voice";

  /** Where Twilio posts a text sent to Firebreak's number: the number's messaging webhook. */
  public static final String SMS_WEBHOOK = "/webhooks/twilio/sms";

  /** Every TwiML document starts with it. */
  private static final String PROLOGUE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

  private Twiml() {}

  /**
   * {@code raw} as literal XML text, safe inside an element and inside a double-quoted attribute;
   * characters XML 1.0 cannot carry at all (control characters other than tab and line breaks)
   * become spaces. Null becomes "".
   */
  public static String escape(String raw) {
    if (raw == null) {
      return "";
    }
    StringBuilder text = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '&' -> text.append("&amp;");
        case '<' -> text.append("&lt;");
        case '>' -> text.append("&gt;");
        case '"' -> text.append("&quot;");
        case '\'' -> text.append("&apos;");
        default -> text.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
      }
    }
    return text.toString();
  }

  /** A whole document around {@code verbs}, which must already be TwiML. */
  public static String document(String verbs) {
    return PROLOGUE + "<Response>" + verbs + "</Response>";
  }

  /** A call's answer: say {@code text}, then hang up. */
  public static String sayAndHangUp(String text) {
    return document("<Say>" + escape(text) + "</Say><Hangup/>");
  }

  /** A text message's answer: reply with {@code text}. */
  public static String message(String text) {
    return document("<Message>" + escape(text) + "</Message>");
  }
}

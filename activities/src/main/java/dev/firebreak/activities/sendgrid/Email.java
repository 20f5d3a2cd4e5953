package dev.firebreak.activities.sendgrid;

import java.util.List;

/** A plain-text mail; {@code key} traces it to its incident and step ({@code INC-…/page-r1-l3}). */
public record Email(List<String> to, String subject, String text, String key) {}

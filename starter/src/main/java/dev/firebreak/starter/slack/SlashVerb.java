package dev.firebreak.starter.slack;

import dev.firebreak.starter.service.Role;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The verbs of {@code /incident}: how each is written and the role it needs. */
enum SlashVerb {
  DECLARE(
      "declare <P0-P4> <service> <title>",
      "declare an incident (no arguments opens a form)",
      Role.RESPONDER),
  ACK("ack [id]", "acknowledge; stops escalation", Role.RESPONDER),
  UPDATE(
      "update [id] <text> [eta <time>]", "post an update, optionally with an ETA", Role.RESPONDER),
  STATUS("status [id]", "show where the incident stands", Role.VIEWER),
  SEVERITY("severity [id] <P0-P4>", "change the severity", Role.RESPONDER),
  COMMANDER("commander [id] @user", "hand the incident to another commander", Role.RESPONDER),
  RESOLVE("resolve [id] [summary]", "resolve (refused while health checks fail)", Role.RESPONDER),
  // The service's rollback.roles decide who may (admin unless the config grants more); RESPONDER
  // only gates the verb.
  ROLLBACK(
      "rollback [id]",
      "roll the service back to the deploy the assessment suggested",
      Role.RESPONDER),
  PLAYBOOK(
      "playbook [id] [name]",
      "give the incident a playbook (its symptoms, checklist and actions); no name shows its card",
      Role.RESPONDER),
  // The action's roles decide who may run it; RESPONDER only gates the verb.
  RUN(
      "run [id] <action> [name=value ...]",
      "run an action of the incident's playbook (values without spaces)",
      Role.RESPONDER),
  LIST("list", "list open incidents", Role.VIEWER),
  HELP("help", "show this help", Role.VIEWER);

  final String usage;
  final String meaning;
  final Role needs;

  SlashVerb(String usage, String meaning, Role needs) {
    this.usage = usage;
    this.meaning = meaning;
    this.needs = needs;
  }

  String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code /incident <usage>}, ready to show in a reply. */
  String usageLine() {
    return "`/incident " + usage + "`";
  }

  static Optional<SlashVerb> of(String word) {
    return Arrays.stream(values()).filter(v -> v.word().equalsIgnoreCase(word)).findFirst();
  }
}

package dev.firebreak.starter.slack;

import dev.firebreak.workflows.incident.Severity;
import java.util.Map;

/**
 * What a {@code /incident} text asks for, as the parser understood it. An {@code incidentId} of
 * null means "the incident of this channel".
 */
sealed interface SlashCommand {

  SlashVerb verb();

  /** The incident the text named; null when none was named (or the verb takes none). */
  default String incidentId() {
    return null;
  }

  record Declare(Severity severity, String service, String title) implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.DECLARE;
    }
  }

  /** {@code declare} without arguments: the user fills in a form instead. */
  record OpenDeclareForm() implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.DECLARE;
    }
  }

  record Acknowledge(String incidentId) implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.ACK;
    }
  }

  record PostUpdate(String incidentId, String text, String eta) implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.UPDATE;
    }
  }

  record Status(String incidentId) implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.STATUS;
    }
  }

  record ChangeSeverity(String incidentId, Severity severity) implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.SEVERITY;
    }
  }

  /**
   * @param commander a Slack user id when the text carried a mention, else the name as typed
   */
  record AssignCommander(String incidentId, String commander) implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.COMMANDER;
    }
  }

  record Resolve(String incidentId, String summary) implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.RESOLVE;
    }
  }

  record RollBack(String incidentId) implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.ROLLBACK;
    }
  }

  record AttachPlaybook(String incidentId, String playbook) implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.PLAYBOOK;
    }
  }

  /** {@code playbook} without a name: the card of the playbook the incident follows. */
  record ShowPlaybook(String incidentId) implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.PLAYBOOK;
    }
  }

  /**
   * @param parameters the action's parameters as typed ({@code name=value} words)
   */
  record RunAction(String incidentId, String action, Map<String, String> parameters)
      implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.RUN;
    }
  }

  record ListOpen() implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.LIST;
    }
  }

  record Help() implements SlashCommand {
    public SlashVerb verb() {
      return SlashVerb.HELP;
    }
  }

  /**
   * Text the parser could not make a command of.
   *
   * @param problem what is wrong, as a sentence
   * @param verb the verb it was meant for, so the answer shows its usage; null for an unknown verb
   */
  record Invalid(String problem, SlashVerb verb) implements SlashCommand {}
}

package dev.firebreak.workflows.incident;

/**
 * A responder ticks one step of the playbook's checklist.
 *
 * @param item the step's number as shown, counted from 1
 */
public record ChecklistTick(int item, String by) {}

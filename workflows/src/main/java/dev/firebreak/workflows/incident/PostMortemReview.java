package dev.firebreak.workflows.incident;

public record PostMortemReview(String by) {}

package dev.firebreak.starter.api;

/** The body of approving or refusing a rollback. */
record CommentBody(String comment) {}

package dev.firebreak.starter.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config field that holds a credential. Such fields must be {@code ${ENV}} references so a
 * committed firebreak.yaml never carries a secret; the validator and the resolver find them by this
 * mark.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Secret {}

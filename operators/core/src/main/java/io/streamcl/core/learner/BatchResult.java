package io.streamcl.core.learner;

/**
 * What one mini-batch update did: its mean training loss, and how many of its examples the model had
 * classified correctly before learning from them (prequential, test-then-train).
 */
public record BatchResult(long step, int rows, double loss, int correctBeforeUpdate) {}

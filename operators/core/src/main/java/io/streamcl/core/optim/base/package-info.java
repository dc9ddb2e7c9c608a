/** Base steps, the stage that turns the gradient into a parameter change: SGD and Adam/AdamW. */
package io.streamcl.core.optim.base;

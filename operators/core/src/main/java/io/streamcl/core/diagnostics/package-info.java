/** Loss-of-plasticity diagnostics on a probe batch ({@code docs/metrics.md}). */
package io.streamcl.core.diagnostics;

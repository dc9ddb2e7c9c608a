/** Loss-of-plasticity diagnostics on a probe batch (algorithms.md section 1.4). */
package io.streamcl.core.diagnostics;

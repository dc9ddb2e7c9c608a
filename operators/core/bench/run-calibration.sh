#!/usr/bin/env bash
# Calibration of the forgetting alerts and boundary detectors on synthetic streams (see
# operators/core/docs/detector-calibration.md). Needs the module's test classes
# (mvn -pl operators/core test-compile); only the JDK and the core's classes are on the classpath.
# Usage: operators/core/bench/run-calibration.sh [--help] [--samples 50,100,300,500,1000] ...
set -euo pipefail
core="$(cd "$(dirname "$0")/.." && pwd)"
exec java -Xmx1g -cp "$core/target/test-classes:$core/target/classes" io.streamcl.core.detect.Calibration "$@"

package io.streamcl.core.detect;

import io.streamcl.core.spec.Spec;
import java.io.DataInput;
import java.io.IOException;

/**
 * Immutable, validated parameters of one change detector; creates fresh {@link ChangeDetector} states and restores
 * them from their binary form. One implementation per detector, each with named defaults.
 */
public sealed interface DetectorConfig
        permits DropFromBestConfig, EwmaDropConfig, DropCusumConfig, PageHinkleyConfig, CusumConfig, AdwinConfig {

    /** Detector specs: errors say {@code detector}, names are lower case with hyphens, e.g. {@code ewma-drop}. */
    Spec.Kind KIND = new Spec.Kind("detector", "[a-z][a-z0-9-]*");

    /** Which directions of change are reported. */
    Watch watch();

    /** Every parameter in a fixed order, e.g. {@code cusum(k=0.5,h=5,min_instances=30,sigma_floor=0,watch=both)}. */
    String canonical();

    /** A fresh detector state. */
    ChangeDetector create();

    /** Reads a state written by {@link ChangeDetector#writeTo}; fails on another detector kind or format version. */
    ChangeDetector restore(DataInput in) throws IOException;

    /** Parses a detector's text form; unset parameters take that detector's defaults. */
    static DetectorConfig parse(String text) {
        Spec spec = Spec.parse(text, KIND);
        return switch (spec.name()) {
            case DropFromBestConfig.NAME -> DropFromBestConfig.from(spec);
            case EwmaDropConfig.NAME -> EwmaDropConfig.from(spec);
            case DropCusumConfig.NAME -> DropCusumConfig.from(spec);
            case PageHinkleyConfig.NAME -> PageHinkleyConfig.from(spec);
            case CusumConfig.NAME -> CusumConfig.from(spec);
            case AdwinConfig.NAME -> AdwinConfig.from(spec);
            default -> throw new IllegalArgumentException("unknown detector '" + spec.name() + "' (known: "
                    + String.join(", ", DropFromBestConfig.NAME, EwmaDropConfig.NAME, DropCusumConfig.NAME, PageHinkleyConfig.NAME,
                            CusumConfig.NAME, AdwinConfig.NAME) + ")");
        };
    }
}

package dev.beamline.pipelines;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a String option getter whose value is a file path or glob. The launcher turns a relative
 * local path into an absolute one before the run, because cluster workers (Flink TaskManagers,
 * Spark executors) resolve relative paths against their own working folders, not the user's.
 * Values with a scheme ({@code gs://}, {@code hdfs://}, {@code file:}) are left unchanged.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LocalPath {}

package dev.beamline.pipelines.trendingtopics;

import dev.beamline.transforms.dedup.DeduplicateById;
import java.util.Objects;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * Drops posts ({@link Posts#SCHEMA} rows, in the global window) whose {@code postId} was already
 * seen, with {@link DeduplicateById} in event time: a resend is always dropped when its event time
 * is within the span of the first post's, also when it arrives later or out of order; beyond that
 * it is dropped only if it arrives before the watermark passes the first post's time + span. A
 * resend is assumed to be the same post; if two posts share an id, the first to arrive is kept.
 * Apply it before windowing, so that a resend is dropped whichever window it would fall into.
 * Counter {@code duplicates_dropped}. Runners: those of {@link DeduplicateById} (Direct, Flink,
 * Spark batch; Spark streaming has no event-time timers).
 */
public final class ResentPosts extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final Duration span;

  private ResentPosts(Duration span) {
    this.span = Objects.requireNonNull(span, "span");
  }

  /** Drops a post whose id was seen within {@code span} of event time before. */
  public static ResentPosts dropWithin(Duration span) {
    return new ResentPosts(span);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> posts) {
    return posts.apply("DropRepeatedPostIds", DeduplicateById.of(
        (Row post) -> post.getString(Posts.POST_ID), StringUtf8Coder.of()).within(span));
  }
}

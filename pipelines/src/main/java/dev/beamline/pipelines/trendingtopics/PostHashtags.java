package dev.beamline.pipelines.trendingtopics;

import dev.beamline.transforms.dedup.DeduplicateById;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * Posts ({@link Posts#SCHEMA} rows, timestamped with their event time, in the global window) in;
 * one folded hashtag per hashtag of each unique post out, with the post's timestamp.
 *
 * <p>A post whose {@code postId} was already seen is dropped ({@link DeduplicateById} in event
 * time): always when its event time is within the span of the first one's, and, beyond it, when it
 * arrives before the watermark passes the first one's time + span. A resend is assumed to be the
 * same post; if two posts share an id, the first to arrive is kept. A hashtag repeated within a
 * post counts once ({@link HashtagExtractor}).
 *
 * <p>Counters: {@code duplicates_dropped}, {@code posts} (unique posts), {@code
 * posts_without_hashtags}, {@code hashtags} (out). Runners: those of {@link DeduplicateById}
 * (Direct, Flink, Spark batch; Spark streaming has no event-time timers).
 */
public final class PostHashtags extends PTransform<PCollection<Row>, PCollection<String>> {
  private final Duration dedupSpan;
  private final String counterNamespace;

  private PostHashtags(Duration dedupSpan, String counterNamespace) {
    this.dedupSpan = Objects.requireNonNull(dedupSpan, "dedupSpan");
    this.counterNamespace = counterNamespace;
  }

  /** Drops resent posts within {@code dedupSpan} of event time of the first. */
  public static PostHashtags dedupWithin(Duration dedupSpan) {
    return new PostHashtags(dedupSpan, "beamline");
  }

  public PostHashtags withCounterNamespace(String namespace) {
    return new PostHashtags(dedupSpan, namespace);
  }

  @Override
  public PCollection<String> expand(PCollection<Row> posts) {
    return posts
        .apply("DropResentPosts", DeduplicateById.of(
            (Row post) -> post.getString(Posts.POST_ID), StringUtf8Coder.of()).within(dedupSpan))
        .apply("ExtractHashtags", ParDo.of(new ExtractFn(counterNamespace)))
        .setCoder(StringUtf8Coder.of());
  }

  static final class ExtractFn extends DoFn<Row, String> {
    private final Counter uniquePosts;
    private final Counter withoutHashtags;
    private final Counter hashtags;

    ExtractFn(String namespace) {
      this.uniquePosts = Metrics.counter(namespace, "posts");
      this.withoutHashtags = Metrics.counter(namespace, "posts_without_hashtags");
      this.hashtags = Metrics.counter(namespace, "hashtags");
    }

    @ProcessElement
    public void process(@Element Row post, OutputReceiver<String> out) {
      uniquePosts.inc();
      List<String> tags = HashtagExtractor.extract(post.getString(Posts.TEXT));
      if (tags.isEmpty()) {
        withoutHashtags.inc();
      }
      for (String tag : tags) {
        hashtags.inc();
        out.output(tag);
      }
    }
  }
}

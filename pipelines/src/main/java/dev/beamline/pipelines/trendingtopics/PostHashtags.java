package dev.beamline.pipelines.trendingtopics;

import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Posts ({@link Posts#SCHEMA} rows) in; one folded hashtag per hashtag a post mentions out, with
 * the post's timestamp and window ({@link HashtagExtractor}: a hashtag repeated in a post counts
 * once). Counters: {@code posts} (in), {@code posts_without_hashtags}, {@code hashtags} (out).
 */
public final class PostHashtags extends PTransform<PCollection<Row>, PCollection<String>> {
  private final String counterNamespace;

  private PostHashtags(String counterNamespace) {
    this.counterNamespace = counterNamespace;
  }

  public static PostHashtags create() {
    return new PostHashtags("beamline");
  }

  public PostHashtags withCounterNamespace(String namespace) {
    return new PostHashtags(namespace);
  }

  @Override
  public PCollection<String> expand(PCollection<Row> posts) {
    return posts.apply("ExtractHashtags", ParDo.of(new ExtractFn(counterNamespace)))
        .setCoder(StringUtf8Coder.of());
  }

  static final class ExtractFn extends DoFn<Row, String> {
    private final Counter postsIn;
    private final Counter withoutHashtags;
    private final Counter hashtags;

    ExtractFn(String namespace) {
      this.postsIn = Metrics.counter(namespace, "posts");
      this.withoutHashtags = Metrics.counter(namespace, "posts_without_hashtags");
      this.hashtags = Metrics.counter(namespace, "hashtags");
    }

    @ProcessElement
    public void process(@Element Row post, OutputReceiver<String> out) {
      postsIn.inc();
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

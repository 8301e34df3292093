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
 * once). Counter {@code hashtags_counted}: the hashtags out, once per window a post is in (with
 * sliding windows a post is extracted in each of its windows), so it is the sum of the windows'
 * counts.
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
    private final Counter hashtags;

    ExtractFn(String namespace) {
      this.hashtags = Metrics.counter(namespace, "hashtags_counted");
    }

    @ProcessElement
    public void process(@Element Row post, OutputReceiver<String> out) {
      List<String> tags = HashtagExtractor.extract(post.getString(Posts.TEXT));
      for (String tag : tags) {
        hashtags.inc();
        out.output(tag);
      }
    }
  }
}

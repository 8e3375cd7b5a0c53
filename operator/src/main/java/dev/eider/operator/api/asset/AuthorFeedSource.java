package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** An actor's author feed to snapshot. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthorFeedSource {

  /** The `filter` values of app.bsky.feed.getAuthorFeed, spelled as the API spells them. */
  public enum Filter {
    @JsonProperty("posts_with_replies") POSTS_WITH_REPLIES,
    @JsonProperty("posts_no_replies") POSTS_NO_REPLIES,
    @JsonProperty("posts_with_media") POSTS_WITH_MEDIA,
    @JsonProperty("posts_and_author_threads") POSTS_AND_AUTHOR_THREADS,
    @JsonProperty("posts_with_video") POSTS_WITH_VIDEO
  }

  /** How much of the feed one run reads. */
  public enum Mode {
    @JsonProperty("full") FULL,
    @JsonProperty("incremental") INCREMENTAL
  }

  @JsonPropertyDescription("DID or handle of the actor. Omitted: the partition key is the actor (dynamic or static partitions).")
  @Pattern(ApiPatterns.ACTOR)
  private String actor;

  @JsonPropertyDescription("Which posts getAuthorFeed returns. Default `posts_with_replies`.")
  @Default("posts_with_replies")
  private Filter filter;

  @JsonPropertyDescription("`full` reads every page on each run; `incremental` stops at the newest post already stored. Default `full`.")
  @Default("full")
  private Mode mode;

  public String getActor() { return actor; }
  public void setActor(String actor) { this.actor = actor; }
  public Filter getFilter() { return filter; }
  public void setFilter(Filter filter) { this.filter = filter; }
  public Mode getMode() { return mode; }
  public void setMode(Mode mode) { this.mode = mode; }
}

package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/** Which Bluesky collection to read: exactly one of them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class,
    input = "{\"oneOf\":[{\"required\":[\"starterPack\"]},{\"required\":[\"authorFeed\"]}]}")
public class BlueskySource {

  @JsonPropertyDescription("The members of a starter pack (getStarterPack, then every page of its list); publishes the members' DIDs as partition keys.")
  private StarterPackSource starterPack;

  @JsonPropertyDescription("The posts of one actor (every page of getAuthorFeed); the actor is the partition key, or `actor` when unpartitioned.")
  private AuthorFeedSource authorFeed;

  public StarterPackSource getStarterPack() { return starterPack; }
  public void setStarterPack(StarterPackSource starterPack) { this.starterPack = starterPack; }
  public AuthorFeedSource getAuthorFeed() { return authorFeed; }
  public void setAuthorFeed(AuthorFeedSource authorFeed) { this.authorFeed = authorFeed; }
}

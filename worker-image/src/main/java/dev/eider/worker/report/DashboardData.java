package dev.eider.worker.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What the dashboard shows, read from the marts and already bounded (see {@link DashboardQueries}
 * for the caps). Strings are as the warehouse holds them: unescaped, written by strangers.
 */
public record DashboardData(Measures measures, LocalDate topPostsDay, List<TopPost> topPosts, List<TopLink> topLinks,
    List<LinkTypeShares> linkTypes, List<TopDomain> topDomains, List<DayActivity> days, List<Member> members,
    Instant generatedAt) {

  /** The headline numbers: the members' activity over the whole period. */
  public record Measures(long members, long posts, long replies, long reposts, long likesReceived, long repliesReceived,
      long repostsReceived, long quotesReceived, BigDecimal engagement, BigDecimal avgLikesPerPost, long days,
      LocalDate firstDay, LocalDate lastDay, long domains) {}

  public record TopPost(long rank, String uri, String authorHandle, String authorDisplayName, String text,
      LocalDateTime createdAt, long likes, long replies, long reposts, long quotes, BigDecimal engagement) {}

  /** A link's shares summed over the days it ranked among its type's ten most shared. */
  public record TopLink(String url, String linkType, String domain, long shares, BigDecimal engagement, long days) {}

  public record LinkTypeShares(String linkType, long shares) {}

  public record TopDomain(long rank, String domain, long posts, long shares, long links, long authors, BigDecimal engagement) {}

  /** One calendar day: what the members wrote and reposted (zero on a day without posts). */
  public record DayActivity(LocalDate day, long posts, long replies, long reposts) {
    public long written() {
      return posts + replies;
    }
  }

  public record Member(String did, String handle, String displayName, long posts, long replies, long reposts,
      long likesReceived, BigDecimal engagement, BigDecimal avgLikes, BigDecimal avgEngagement, BigDecimal postsPerDay,
      long activeDays) {}
}

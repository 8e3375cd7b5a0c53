package dev.eider.testkit.bluesky;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fake network's content: a starter pack whose list holds N members, each with an author feed,
 * and the outside accounts those members repost, quote and reply to. Feeds are never stored: item
 * i of a feed is generated from (actor seed, i), oldest first, so feeds of any length cost no
 * memory, the same seed always gives the same bytes, and publishing appends without touching older
 * items. Thread-safe.
 */
public final class BlueskyDataset {

    public static final int DEFAULT_MEMBERS = 12;
    public static final int DEFAULT_FEED_LENGTH = 120;
    /** A fixed "now" for content, so generated timestamps do not depend on when a test runs. */
    public static final Instant DEFAULT_ANCHOR = Instant.parse("2026-11-01T12:00:00Z");
    private static final int OUTSIDERS = 16;

    private final long seed;
    private final Instant anchor;
    private final ActorFactory factory;
    private final Map<String, BlueskyActor> byDid = new ConcurrentHashMap<>();
    private final Map<String, BlueskyActor> byHandle = new ConcurrentHashMap<>();
    private final List<BlueskyActor> outsiders = new ArrayList<>();
    private final List<ListMember> listMembers = new CopyOnWriteArrayList<>();
    private final FeedGenerator generator;
    private final StarterPack starterPack;

    private BlueskyDataset(long seed, int members, int feedLength, Instant anchor) {
        if (members < 1) {
            throw new IllegalArgumentException("a starter pack needs at least one member (its creator)");
        }
        this.seed = seed;
        this.anchor = anchor;
        this.factory = new ActorFactory(anchor);
        for (int i = 0; i < OUTSIDERS; i++) {
            outsiders.add(register(Seeds.mix(seed, 0x0C, i), null, 0));
        }
        List<BlueskyActor> initialMembers = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            initialMembers.add(register(Seeds.mix(seed, 0x3E, i), null, feedLength));
        }
        // Mentions may point at anyone known now; later actors are left out so old posts never change.
        List<BlueskyActor> mentionable = new ArrayList<>(outsiders);
        mentionable.addAll(initialMembers);
        PostComposer composer = new PostComposer(mentionable);
        this.generator = new FeedGenerator(composer, new NetworkPosts(seed, outsiders, composer));
        this.starterPack = starterPack(initialMembers.get(0));
        initialMembers.forEach(this::join);
    }

    /** Generates the dataset; the same arguments always give the same content. */
    public static BlueskyDataset generate(long seed, int members, int feedLength, Instant anchor) {
        return new BlueskyDataset(seed, members, feedLength, anchor);
    }

    public long seed() {
        return seed;
    }

    public Instant anchor() {
        return anchor;
    }

    public StarterPack starterPack() {
        return starterPack;
    }

    /** The list's members in the order they were added (getList returns the newest first). */
    public List<ListMember> listMembers() {
        return List.copyOf(listMembers);
    }

    public List<BlueskyActor> members() {
        return listMembers.stream().map(ListMember::actor).toList();
    }

    /** Accounts outside the list that members repost, quote and reply to. */
    public List<BlueskyActor> outsiders() {
        return List.copyOf(outsiders);
    }

    /** Looks an actor up by DID or handle, as the {@code actor} parameter of the API allows. */
    public Optional<BlueskyActor> find(String didOrHandle) {
        if (didOrHandle == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(didOrHandle.startsWith("did:") ? byDid.get(didOrHandle)
                : byHandle.get(didOrHandle.toLowerCase(Locale.ROOT)));
    }

    public BlueskyActor actor(String didOrHandle) {
        return find(didOrHandle).orElseThrow(() -> new IllegalArgumentException("no actor " + didOrHandle));
    }

    /** Adds an account outside the list, with a generated feed of {@code feedLength} items. */
    public BlueskyActor registerActor(String handle, int feedLength) {
        if (find(handle).isPresent()) {
            throw new IllegalArgumentException("handle already taken: " + handle);
        }
        // Seeded by the handle alone, so an actor's content does not depend on registration order.
        return register(Seeds.mix(seed, 0x4E6, Seeds.of(handle.toLowerCase(Locale.ROOT))), handle, feedLength);
    }

    /** Registers an account and adds it to the starter pack's list (it becomes the newest item). */
    public BlueskyActor addMember(String handle, int feedLength) {
        BlueskyActor actor = registerActor(handle, feedLength);
        join(actor);
        return actor;
    }

    /**
     * Publishes {@code count} new items at the top of the actor's feed and returns them, newest
     * first. Older items stay byte-identical; new ones are later than every existing item.
     */
    public List<FeedEntry> publish(BlueskyActor actor, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        actor.grow(count);
        List<FeedEntry> published = new ArrayList<>(count);
        for (long i = actor.feedSize() - 1L; published.size() < count; i--) {
            published.add(generator.entry(actor, i));
        }
        return published;
    }

    /** Item {@code index} of the actor's feed, 0 being the oldest. */
    public FeedEntry entry(BlueskyActor actor, long index) {
        if (index < 0 || index >= actor.feedSize()) {
            throw new IndexOutOfBoundsException("feed of " + actor.handle() + " has " + actor.feedSize() + " items");
        }
        return generator.entry(actor, index);
    }

    FeedGenerator generator() {
        return generator;
    }

    private BlueskyActor register(long actorSeed, String handle, int feedLength) {
        BlueskyActor actor = factory.create(actorSeed, handle, feedLength);
        for (int attempt = 1; handle == null && byHandle.containsKey(actor.handle()); attempt++) {
            actor = factory.create(Seeds.mix(actorSeed, attempt), null, feedLength);
        }
        if (byHandle.putIfAbsent(actor.handle(), actor) != null) {
            throw new IllegalArgumentException("handle already taken: " + actor.handle());
        }
        byDid.put(actor.did(), actor);
        return actor;
    }

    private StarterPack starterPack(BlueskyActor creator) {
        Instant listCreated = anchor.minus(Duration.ofDays(30));
        Instant packCreated = listCreated.plus(Duration.ofHours(2));
        String listUri = "at://" + creator.did() + "/app.bsky.graph.list/" + AtIds.tid(listCreated, 7);
        String packUri = "at://" + creator.did() + "/app.bsky.graph.starterpack/" + AtIds.tid(packCreated, 7);
        int joinedAllTime = (int) Math.floorMod(seed, 5000L);
        return new StarterPack(packUri, AtIds.recordCid(packUri), "Data engineering starter pack",
                "Follow these accounts to get started with data on Bluesky.", packCreated, creator, listUri,
                AtIds.recordCid(listUri), "Data engineering starter pack",
                "People who post about data, pipelines and the AT Protocol.", listCreated,
                joinedAllTime / 40, joinedAllTime);
    }

    private synchronized void join(BlueskyActor actor) {
        Instant at = listMembers.isEmpty() ? starterPack.listCreatedAt().plus(Duration.ofMinutes(3))
                : listMembers.get(listMembers.size() - 1).indexedAt()
                .plus(Duration.ofMinutes(7 + Math.floorMod(Seeds.of(actor.did()), 50)));
        String uri = "at://" + starterPack.creator().did() + "/app.bsky.graph.listitem/" + AtIds.tid(at, 7);
        listMembers.add(new ListMember(actor, uri, AtIds.recordCid(uri + '\n' + actor.did()), at));
    }
}

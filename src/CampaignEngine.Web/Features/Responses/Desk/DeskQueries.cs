using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using Dapper;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>A thread as the desk lists it.</summary>
internal sealed record DeskItem
{
    public long Id { get; init; }
    public long? CompatriotId { get; init; }
    public string? PersonName { get; init; }
    public bool PersonErased { get; init; }
    public string? UnknownSender { get; init; }
    public string ModuleId { get; init; } = "";
    public long? CampaignId { get; init; }
    public string Channel { get; init; } = "";
    public string State { get; init; } = "";
    public string StoredTopics { get; init; } = "";
    public long? AssigneeId { get; init; }
    public string? AssigneeLogin { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset LastInAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public string LastMessage { get; init; } = "";

    public IReadOnlyList<string> Topics => DeskTopics.Split(StoredTopics);

    /// <summary>Still waiting for an answer after its due time.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => DueAt is { } due && due < now && State is ThreadStates.New or ThreadStates.Assigned;
}

/// <param name="Total">How many threads the filter leaves in the user's view, exactly.</param>
internal sealed record DeskList(IReadOnlyList<DeskItem> Items, int Total);

/// <summary>One line of a conversation: the person's message (in), an answer (out), a note or an event.</summary>
internal sealed record DeskLine
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Channel { get; init; } = "";
    public string Text { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public string? AuthorLogin { get; init; }
    public string? Code { get; init; }
    public string? Args { get; init; }

    /// <summary>An event's code and values; null for a message, a note, or an event stored as a sentence.</summary>
    public ThreadEvent? Event => ThreadEvent.Read(Code, Args);

    /// <summary>The line as a reader of <paramref name="language"/> reads it: an event in their words, anything else as written.</summary>
    public string TextIn(Infrastructure.Localization.UiText texts, string language) => Event?.Render(texts, language) ?? Text;
}

/// <summary>Who wrote, as the thread page shows beside the conversation: what staff need to answer well.</summary>
internal sealed record DeskPerson
{
    public long Id { get; init; }
    public string FullName { get; init; } = "";
    public bool Erased { get; init; }
    public string Language { get; init; } = "";
    public string Country { get; init; } = "";
    public string? HomeRegion { get; init; }
    public string Gender { get; init; } = "";
    public bool ConsentWhatsapp { get; init; }
    public bool ConsentTelegram { get; init; }
    public bool ConsentSms { get; init; }
    public bool ConsentEmail { get; init; }

    /// <summary>The channels the person agreed to be written on.</summary>
    public IReadOnlyList<string> Consents =>
        [.. new[] { ("whatsapp", ConsentWhatsapp), ("telegram", ConsentTelegram), ("sms", ConsentSms), ("email", ConsentEmail) }.Where(c => c.Item2).Select(c => c.Item1)];
}

internal sealed record DeskThreadView(
    DeskItem Thread, string AddressedTo, long? OrganizationId, string? ForwardedTo, string Language,
    IReadOnlyList<DeskLine> Lines, DeskPerson? Person, IReadOnlyList<PledgeRow> Pledges);

/// <summary>
/// Reads the desk as one user may see it (<see cref="AccessScope.ForThreads"/>, applied in SQL to every query). The
/// list is two ordered runs glued together: threads waiting for an answer by due time (the overdue ones come first
/// because they are due earliest), then the others by their newest message. Each run reads its own index in order and
/// stops at the page, so a page costs the same on a million threads as on a hundred (migration 0035 has the indexes).
/// The total is exact and read without counting threads one by one (<see cref="Total"/>, migration 0040).
/// </summary>
internal sealed class DeskQueries(Db db, ModuleRegistry modules, PledgeStore pledges, TimeProvider clock)
{

    private const string Columns = """
        t.id, t.compatriot_id AS CompatriotId, p.full_name AS PersonName, p.erased_at IS NOT NULL AS PersonErased,
        t.unknown_sender AS UnknownSender, t.module_id AS ModuleId, t.campaign_id AS CampaignId, t.channel, t.state,
        t.topics AS StoredTopics, t.assignee_id AS AssigneeId, u.login AS AssigneeLogin, t.received_at AS ReceivedAt,
        t.last_in_at AS LastInAt, t.due_at AS DueAt, t.last_message AS LastMessage
        """;

    private const string From = """
        FROM response_thread t
        LEFT JOIN directory_compatriot p ON p.id = t.compatriot_id
        LEFT JOIN auth_user u ON u.id = t.assignee_id
        """;

    public DeskList List(CurrentUser user, DeskFilter filter)
    {
        var (sql, parameters) = Page(user, filter);
        using var connection = db.Open();
        var items = connection.Query<DeskItem>(sql, parameters).ToList();
        return new DeskList(items, Total(connection, user, filter));
    }

    /// <summary>The statement of one page of the list and its parameters (apart for the test of its plan).</summary>
    internal (string Sql, DynamicParameters Parameters) Page(CurrentUser user, DeskFilter filter)
    {
        var (where, parameters) = Where(user, filter, "t");
        var window = filter.Page * filter.PageSize;
        parameters.Add("window", window);
        parameters.Add("limit", filter.PageSize);
        parameters.Add("offset", window - filter.PageSize);
        // Overdue threads all wait for an answer: the run of the others is left out rather than left to come back empty,
        // which PostgreSQL found by walking the newest-message index through every thread nothing waits for.
        var sql = DeskSql.Of(db);
        var waiting = filter.Overdue
            ? $"{where} AND {sql.Overdue} ORDER BY {sql.OverdueOrder}"
            : $"{where} AND t.due_at IS NOT NULL ORDER BY t.due_at, t.id";
        var others = filter.Overdue ? "" : $"""
            UNION ALL
            SELECT * FROM (SELECT 1 AS run, t.last_in_at AS k1, t.id AS k2, {Columns} {From}
                           WHERE {where} AND t.due_at IS NULL ORDER BY t.last_in_at DESC, t.id DESC LIMIT @window) AS others
            """;
        return ($"""
            SELECT * FROM (
                SELECT * FROM (SELECT 0 AS run, t.due_at AS k1, t.id AS k2, {Columns} {From} WHERE {waiting} LIMIT @window) AS waiting
                {others}) AS runs
            ORDER BY run, CASE WHEN run = 0 THEN k1 END, CASE WHEN run = 0 THEN k2 END, k1 DESC, k2 DESC
            LIMIT @limit OFFSET @offset
            """, parameters);
    }

    /// <summary>
    /// How many threads the filter leaves in the user's view: a sum over the counts per thread's column values
    /// (response_thread_count) that the same filter and scope leave. Overdue depends on the hour, so it is the waiting
    /// threads counted there less those not yet due, a short range of the due-time index that holds every filtered column.
    /// </summary>
    private int Total(System.Data.IDbConnection connection, CurrentUser user, DeskFilter filter)
    {
        var (counted, parameters) = Where(user, filter, "c");
        if (!filter.Overdue) return connection.ExecuteScalar<int>($"SELECT COALESCE(SUM(c.n), 0) FROM response_thread_count c WHERE {counted}", parameters);
        var (threads, _) = Where(user, filter, "t");
        return connection.ExecuteScalar<int>($"""
            SELECT (SELECT COALESCE(SUM(c.n), 0) FROM response_thread_count c WHERE {counted} AND c.waiting = 1 AND c.state IN ('new', 'assigned'))
                 - (SELECT COUNT(*) FROM {DeskSql.Of(db).ThreadsByDueTime}
                    WHERE {threads} AND t.due_at IS NOT NULL AND t.due_at >= @now AND t.state IN ('new', 'assigned'))
            """, parameters);
    }

    public DeskItem? Item(CurrentUser user, long id)
    {
        var scope = Scope(user);
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<DeskItem>($"SELECT {Columns} {From} WHERE t.id = @id AND {scope.Sql}", scope.With(new { id }));
    }

    /// <summary>One thread with its whole conversation in order and the person's context; null outside the user's view.</summary>
    public DeskThreadView? Find(CurrentUser user, long id)
    {
        if (Item(user, id) is not { } item) return null;
        using var connection = db.Open();
        var extra = connection.QuerySingle<(string AddressedTo, long? OrganizationId, string? ForwardedTo, string Language)>(
            "SELECT addressed_to, organization_id, forwarded_to, language FROM response_thread WHERE id = @id", new { id });
        var lines = connection.Query<DeskLine>("""
            SELECT m.id, m.kind, m.channel, m.text, m.code, m.args, m.at, u.login AS AuthorLogin
            FROM response_thread_message m LEFT JOIN auth_user u ON u.id = m.author_id
            WHERE m.thread_id = @id ORDER BY m.id
            """, new { id }).ToList();
        var person = item.CompatriotId is { } compatriotId
            ? connection.QuerySingleOrDefault<DeskPerson>("""
                SELECT id, full_name AS FullName, erased_at IS NOT NULL AS Erased, language, country, home_region AS HomeRegion, gender,
                       consent_whatsapp AS ConsentWhatsapp, consent_telegram AS ConsentTelegram, consent_sms AS ConsentSms, consent_email AS ConsentEmail
                FROM directory_compatriot WHERE id = @compatriotId
                """, new { compatriotId })
            : null;
        // The person's pledges as the Pledges feature shows them to this user: an oblast user who sees the thread
        // through its module's campaign, not as the person's home administration, sees none of them.
        var theirPledges = person is null ? [] : pledges.List(new PledgeFilter(null, person.Id, null, null), user, limit: 20);
        return new DeskThreadView(item, extra.AddressedTo, extra.OrganizationId, extra.ForwardedTo, extra.Language, lines, person, theirPledges);
    }

    /// <summary>
    /// The scope and the filter (all but overdue) as a condition on <paramref name="alias"/>: a thread, or a row of its
    /// counts, which has the same columns.
    /// </summary>
    private (string Sql, DynamicParameters Parameters) Where(CurrentUser user, DeskFilter filter, string alias)
    {
        var scope = Scope(user, alias);
        var clauses = new List<string> { scope.Sql };
        var parameters = scope.With(new
        {
            filter.State, filter.ModuleId, filter.Channel, filter.AssigneeId, now = clock.GetUtcNow(),
            topic = filter.Topic, topicLike = $"%;{filter.Topic};%",
        });
        if (filter.State is not null) clauses.Add($"{alias}.state = @State");
        if (filter.ModuleId is not null) clauses.Add($"{alias}.module_id = @ModuleId");
        if (filter.Channel is not null) clauses.Add($"{alias}.channel = @Channel");
        if (filter.AssigneeId is not null) clauses.Add($"{alias}.assignee_id = @AssigneeId");
        // Topics are stored ';'-joined: the code alone, or between separators.
        if (filter.Topic is not null) clauses.Add($"(';' || {alias}.topics || ';') LIKE @topicLike");
        return (string.Join(" AND ", clauses), parameters);
    }

    /// <summary>
    /// The modules the desk's filter offers: every enabled one to national staff; to anyone else those they act for and
    /// those that hold threads in their view (an oblast's natives answer national appeals too), read from the kept
    /// counts. So an oblast is not offered the other regions' modules, whose choice could only find nothing.
    /// </summary>
    public IReadOnlyList<ModuleManifest> ModulesSeenBy(CurrentUser user)
    {
        var enabled = modules.Enabled.Select(m => m.Manifest).ToList();
        if (user.IsNational) return enabled;
        var scope = Scope(user, "c");
        using var connection = db.Open();
        var held = connection.Query<string>($"SELECT DISTINCT c.module_id FROM response_thread_count c WHERE c.n > 0 AND {scope.Sql}", scope.With())
            .ToHashSet(StringComparer.Ordinal);
        var scoped = AccessScope.Of(user);
        return enabled.Where(m => held.Contains(m.Id) || scoped.MayActFor(m)).ToList();
    }

    private ScopeCondition Scope(CurrentUser user, string alias = "t") => AccessScope.Of(user).ForThreads(alias, modules);
}

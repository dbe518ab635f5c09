using System.Data;
using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using Dapper;
using Hangfire;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// What staff do with a thread — assign, tag, forward, close, note, answer — each a state change and a line of the
/// conversation in one transaction, and a line of the audit. A thread outside the user's view (<see cref="AccessScope.ForThreads"/>)
/// is answered as if it did not exist. An answer is stored first and delivered by a job keyed by its id
/// (<see cref="AnswerDelivery"/>), so a crash between the two loses nothing and a retry sends nothing twice.
/// </summary>
internal sealed class DeskThreads(Db db, ModuleRegistry modules, AuditLog audit, IBackgroundJobClient jobs, TimeProvider clock, AnswerText answers)
{
    public const int MaxText = 4000;
    public const int MaxForwardee = 200;

    /// <summary>The parts of a thread an action checks, read with the scope's condition.</summary>
    private sealed record Target(
        long Id, long? CompatriotId, string ModuleId, string Channel, string State, long? AssigneeId, string? HomeRegion, long? OrganizationId);

    public DeskOutcome Assign(CurrentUser user, long threadId, long assigneeId) => Act(user, threadId, (connection, transaction, thread, now) =>
    {
        var assignee = connection.QueryFirstOrDefault<CurrentUser>(
            "SELECT id, login, role, region, organization_id AS OrganizationId FROM auth_user WHERE id = @assigneeId AND disabled_at IS NULL",
            new { assigneeId }, transaction);
        if (assignee is null || !MayHandle(assignee, thread.HomeRegion, thread.ModuleId, thread.OrganizationId)) return DeskOutcome.Invalid("userId", "is not a user who may answer this thread");
        connection.Execute("""
            UPDATE response_thread SET assignee_id = @assigneeId, state = CASE WHEN state = 'new' THEN 'assigned' ELSE state END WHERE id = @Id
            """, new { assigneeId, thread.Id }, transaction);
        return Event(connection, transaction, thread, user, now, ThreadEvent.Of(ThreadEvent.Assigned, ("login", assignee.Login)));
    }, "desk.assign", new { assigneeId });

    public DeskOutcome Tag(CurrentUser user, long threadId, IReadOnlyList<string> topics) => Act(user, threadId, (connection, transaction, thread, now) =>
    {
        if (topics.FirstOrDefault(t => !DeskTopics.All.Contains(t)) is { } unknown)
            return DeskOutcome.Invalid("topics", $"'{unknown}' is not a topic; topics are {string.Join(", ", DeskTopics.All)}");
        var joined = DeskTopics.Join(topics);
        if (connection.Execute("UPDATE response_thread SET topics = @joined WHERE id = @Id AND topics <> @joined", new { joined, thread.Id }, transaction) == 0)
            return DeskOutcome.Done();
        return Event(connection, transaction, thread, user, now, ThreadEvent.Of(ThreadEvent.Tagged, ("topics", joined)));
    }, "desk.tag", new { topics });

    public DeskOutcome Forward(CurrentUser user, long threadId, string to, string? note) => Act(user, threadId, (connection, transaction, thread, now) =>
    {
        if (string.IsNullOrWhiteSpace(to) || to.Length > MaxForwardee) return DeskOutcome.Invalid("to", $"names the body it goes to, in at most {MaxForwardee} characters");
        if (note?.Length > MaxText) return DeskOutcome.Invalid("note", $"is longer than {MaxText} characters");
        connection.Execute("UPDATE response_thread SET state = 'forwarded', forwarded_to = @to, due_at = NULL WHERE id = @Id",
            new { to = to.Trim(), thread.Id }, transaction);
        return Event(connection, transaction, thread, user, now,
            ThreadEvent.Of(ThreadEvent.Forwarded, ("to", to.Trim()), ("note", string.IsNullOrWhiteSpace(note) ? null : note.Trim())));
    }, "desk.forward", new { to });

    public DeskOutcome Close(CurrentUser user, long threadId) => Act(user, threadId, (connection, transaction, thread, now) =>
    {
        connection.Execute("UPDATE response_thread SET state = 'closed', due_at = NULL, closed_at = @now WHERE id = @Id", new { now, thread.Id }, transaction);
        return Event(connection, transaction, thread, user, now, ThreadEvent.Of(ThreadEvent.Closed));
    }, "desk.close", null);

    public DeskOutcome Note(CurrentUser user, long threadId, string text) => Act(user, threadId, (connection, transaction, thread, now) =>
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxText) return DeskOutcome.Invalid("text", $"is empty or longer than {MaxText} characters");
        return DeskOutcome.Done(Line(connection, transaction, thread, "note", "note", text.Trim(), user, now));
    }, "desk.note", null);

    /// <summary>
    /// Stores the answer and marks the thread answered; the delivery job then queues it in the send ledger on the
    /// person's channel. A sender matched to nobody cannot be answered: there is no one to send it to. The text is
    /// Scriban with the person's values (<see cref="AnswerText"/>), stored as rendered: what the preview showed.
    /// </summary>
    public DeskOutcome Answer(CurrentUser user, long threadId, string text)
    {
        var outcome = Act(user, threadId, (connection, transaction, thread, now) =>
        {
            if (thread.CompatriotId is null) return DeskOutcome.Invalid("compatriotId", "the sender is matched to nobody: there is no one to send an answer to");
            if (string.IsNullOrWhiteSpace(text) || text.Length > MaxText) return DeskOutcome.Invalid("text", $"is empty or longer than {MaxText} characters");
            var rendered = answers.Render(AnswerText.Read(connection, transaction, thread.Id)!, text.Trim());
            if (rendered.Error is { } error) return DeskOutcome.Invalid("text", error.ToString());
            if (rendered.Text is not { Length: > 0 and <= MaxText } answer) return DeskOutcome.Invalid("text", $"renders empty or longer than {MaxText} characters");
            var messageId = Line(connection, transaction, thread, "out", thread.Channel, answer, user, now);
            connection.Execute("""
                UPDATE response_thread
                SET state = 'answered', due_at = NULL, first_answered_at = COALESCE(first_answered_at, @now), last_answered_at = @now,
                    assignee_id = COALESCE(assignee_id, @userId)
                WHERE id = @Id
                """, new { now, userId = user.Id, thread.Id }, transaction);
            return DeskOutcome.Done(messageId);
        }, "desk.answer", null);
        if (outcome is { Ok: true, MessageId: { } answerId }) jobs.Enqueue<AnswerDelivery>(d => d.DeliverAsync(answerId, CancellationToken.None));
        return outcome;
    }

    /// <summary>
    /// Whether <paramref name="user"/> could answer a thread of a person of <paramref name="homeRegion"/> owned by
    /// <paramref name="moduleId"/>: national staff, an oblast user whose view holds it, or a leader of the organisation
    /// the person addressed (the one kind of thread a leader sees).
    /// </summary>
    public bool MayHandle(CurrentUser user, string? homeRegion, string moduleId, long? organizationId) => user.Role switch
    {
        _ when user.IsNational => true,
        Roles.Oblast => AccessScope.Of(user) is var scope && (scope.Covers(homeRegion) || scope.MayActFor(moduleId, modules)),
        Roles.Leader => organizationId is not null && user.OrganizationId == organizationId,
        _ => false,
    };

    /// <summary>The users a thread may be assigned to (<see cref="MayHandle"/>), by name: few enough to read them all.</summary>
    public IReadOnlyList<CurrentUser> Assignees(string? homeRegion, string moduleId, long? organizationId) =>
        ActiveUsers().Where(u => MayHandle(u, homeRegion, moduleId, organizationId)).ToList();

    /// <summary>
    /// The users the threads <paramref name="user"/> sees may go to, for the desk's bulk form (each thread's own
    /// assignment still checks <see cref="MayHandle"/>): national staff offer everyone who answers for the state, an
    /// oblast user national staff and their region's administration, a leader their organisation's leaders.
    /// </summary>
    public IReadOnlyList<CurrentUser> AssigneesSeenBy(CurrentUser user) => ActiveUsers().Where(u => user.Role switch
    {
        Roles.Leader => u.Role == Roles.Leader && u.OrganizationId == user.OrganizationId,
        Roles.Oblast => u.IsNational || (u.Role == Roles.Oblast && u.Region == user.Region),
        _ => user.IsNational && u.Role != Roles.Leader,
    }).ToList();

    private List<CurrentUser> ActiveUsers()
    {
        using var connection = db.Open();
        return connection.Query<CurrentUser>(
            "SELECT id, login, role, region, organization_id AS OrganizationId FROM auth_user WHERE disabled_at IS NULL ORDER BY login").ToList();
    }

    /// <summary>
    /// Says who an unknown sender is: the thread (and, through <see cref="DeskIntake"/>, the sender's later messages)
    /// belongs to <paramref name="compatriotId"/> from now on, a person the user may see. Only a thread of a sender
    /// matched to nobody can be linked; the address it came from stays on the thread as the link's evidence.
    /// </summary>
    public DeskOutcome LinkSender(CurrentUser user, long threadId, long compatriotId) => Act(user, threadId, (connection, transaction, thread, now) =>
    {
        if (thread.CompatriotId is not null) return DeskOutcome.Invalid("compatriotId", "the thread already belongs to a person");
        var people = AccessScope.Of(user).ForPeople("home_region", "organization_id");
        var person = connection.QueryFirstOrDefault<long?>($"SELECT id FROM directory_compatriot WHERE id = @compatriotId AND erased_at IS NULL AND {people.Sql}",
            people.With(new { compatriotId }), transaction);
        if (person is null) return DeskOutcome.Invalid("compatriotId", "is not a person you may see");
        var language = connection.ExecuteScalar<string>("SELECT language FROM directory_compatriot WHERE id = @compatriotId", new { compatriotId }, transaction);
        connection.Execute("UPDATE response_thread SET compatriot_id = @compatriotId, language = @language WHERE id = @Id",
            new { compatriotId, language, thread.Id }, transaction);
        return Event(connection, transaction, thread, user, now,
            ThreadEvent.Of(ThreadEvent.Linked, ("person", compatriotId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }, "desk.link", new { compatriotId });

    private DeskOutcome Act(CurrentUser user, long threadId, Func<IDbConnection, IDbTransaction, Target, DateTimeOffset, DeskOutcome> action, string auditAction, object? detail)
    {
        var visible = AccessScope.Of(user).ForThreads("t", modules);
        var now = clock.GetUtcNow();
        DeskOutcome outcome;
        using (var connection = db.Open())
        using (var transaction = connection.BeginTransaction())
        {
            var thread = connection.QueryFirstOrDefault<Target>($"""
                SELECT t.id, t.compatriot_id AS CompatriotId, t.module_id AS ModuleId, t.channel, t.state, t.assignee_id AS AssigneeId, t.home_region AS HomeRegion, t.organization_id AS OrganizationId
                FROM response_thread t
                WHERE t.id = @threadId AND {visible.Sql}
                """, visible.With(new { threadId }), transaction);
            if (thread is null) return DeskOutcome.NotFound;
            outcome = action(connection, transaction, thread, now);
            if (!outcome.Ok) return outcome;
            transaction.Commit();
        }
        audit.Record(user, auditAction, $"thread {threadId}", detail);
        return outcome;
    }

    private static DeskOutcome Event(IDbConnection connection, IDbTransaction transaction, Target thread, CurrentUser user, DateTimeOffset now, ThreadEvent happened) =>
        DeskOutcome.Done(happened.Write(connection, transaction, thread.Id, user.Id, now));

    private static long Line(IDbConnection connection, IDbTransaction transaction, Target thread, string kind, string channel, string text, CurrentUser user, DateTimeOffset now) =>
        connection.ExecuteScalar<long>("""
            INSERT INTO response_thread_message (thread_id, kind, channel, text, at, author_id) VALUES (@threadId, @kind, @channel, @text, @now, @authorId)
            RETURNING id
            """, new { threadId = thread.Id, kind, channel, text, now, authorId = user.Id }, transaction);
}

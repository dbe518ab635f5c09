using System.Data;
using CampaignEngine.Web.Features.Responses;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Webhooks;

/// <summary>
/// Applies what providers report: delivery statuses on the ledger row with that provider id (written by Sending's
/// <see cref="Ledger"/>), replies stored against the message they name (the provider's context id) or else the person's
/// latest message on that channel (by the responses feature), and STOP words as an opt-out. A desk answer reported
/// undelivered after it was sent is told to its thread (<see cref="IDeskAnswers.Settled"/>, as an opt-out's is). Each event is applied once:
/// its id is remembered in the same transaction as its effect, so a replayed callback (or a provider's retry of one
/// already applied) changes nothing, and a crash never leaves an effect without its id or the reverse.
/// </summary>
internal sealed class ProviderEvents(Db db, Consent consent, DeskIntake desk, IDeskAnswers answers, TimeProvider clock)
{
    /// <summary>Applies each event not seen before; returns how many were applied and how many were replays.</summary>
    /// <param name="rememberUntil">Until when an event's id must be kept for its replay to be recognised.</param>
    public (int Applied, int Replayed) Apply(IReadOnlyList<ProviderEvent> providerEvents, Func<ProviderEvent, DateTimeOffset> rememberUntil)
    {
        var now = clock.GetUtcNow();
        var (applied, replayed) = (0, 0);
        using var connection = db.Open();
        foreach (var providerEvent in providerEvents)
        {
            using var transaction = connection.BeginTransaction();
            DeskIntake.Received? received = null;
            if (ProviderResponses.RememberFirst(connection, transaction, providerEvent.Channel, providerEvent.EventId, now, rememberUntil(providerEvent)))
            {
                received = Apply(connection, transaction, providerEvent, now);
                applied++;
            }
            else replayed++;
            transaction.Commit();
            desk.Announce(received);
        }
        ProviderResponses.ForgetExpired(connection, now);
        return (applied, replayed);
    }

    /// <summary>Applies one event; a reply that reached the desk comes back, for its modules to hear of it after the commit.</summary>
    private DeskIntake.Received? Apply(IDbConnection connection, IDbTransaction transaction, ProviderEvent providerEvent, DateTimeOffset now)
    {
        switch (providerEvent)
        {
            case DeliveryReport report: Apply(connection, transaction, report, now); return null;
            case InboundMessage inbound: return Apply(connection, transaction, inbound, now);
            default: return null;
        }
    }

    private void Apply(IDbConnection connection, IDbTransaction transaction, DeliveryReport report, DateTimeOffset now)
    {
        switch (report.Status)
        {
            case "delivered" or "read":
                Ledger.RecordDelivered(connection, transaction, report.ProviderId, report.Channel, now);
                break;
            case "failed" or "undelivered":
                var error = "provider: " + (report.Error ?? "undelivered");
                var failed = Ledger.RecordUndelivered(connection, transaction, report.ProviderId, report.Channel, error);
                // An answer of the desk that the provider gives up on after taking it did not reach the person: its
                // thread hears so the way it hears of an opt-out (the desk ignores messages of other campaigns). Only
                // the report that fails the message tells it; a repeat finds it failed already and tells nothing.
                if (failed.Count > 0)
                    answers.Settled(connection, transaction, [.. failed.Select(f => new AnswerOutcome(f.CampaignId, f.CompatriotId, report.Channel, false, error))]);
                break;
        }
    }

    /// <summary>
    /// The message of ours the reply names by its provider id, when it was sent to this person: a reply to an older
    /// appeal (or to an answer from the desk) answers that one, not the person's latest message.
    /// </summary>
    private static long? RepliedTo(IDbConnection connection, IDbTransaction transaction, InboundMessage inbound, long compatriotId) =>
        inbound.RepliesTo is { } providerId && Ledger.ByProviderId(connection, transaction, inbound.Channel, providerId) is { } replied
        && replied.CompatriotId == compatriotId
            ? replied.MessageId
            : null;

    private DeskIntake.Received? Apply(IDbConnection connection, IDbTransaction transaction, InboundMessage inbound, DateTimeOffset now)
    {
        var column = inbound.Channel == "telegram" ? "telegram" : "phone";
        var handles = inbound.Handles.Count > 0 ? inbound.Handles : [inbound.From];
        var person = connection.QueryFirstOrDefault<long?>(
            $"SELECT id FROM directory_compatriot WHERE {db.AnyOf(column, "@handles")} ORDER BY id LIMIT 1", new { handles }, transaction);
        if (person is not { } compatriotId)
        {
            // A sender matched to nobody still reaches a person: the desk keeps it as an unknown sender.
            return StopWords.IsStop(inbound.Text) ? null
                : desk.Receive(connection, transaction, new InboundItem(inbound.Channel, inbound.Text, now) { UnknownSender = inbound.From, ExternalId = inbound.EventId });
        }
        var messageId = RepliedTo(connection, transaction, inbound, compatriotId) ?? Ledger.LatestMessage(connection, transaction, compatriotId, inbound.Channel);
        var isStop = StopWords.IsStop(inbound.Text);
        var replyId = ProviderResponses.RecordReply(connection, transaction, messageId, compatriotId, inbound.Channel, inbound.Text, isStop, now);
        // A STOP word opts out and is not a question: it stays out of the desk.
        if (isStop)
        {
            consent.OptOut(connection, transaction, compatriotId, inbound.Channel, $"{inbound.Channel}-stop-word");
            return null;
        }
        return desk.Receive(connection, transaction, new InboundItem(inbound.Channel, inbound.Text, now)
            { CompatriotId = compatriotId, MessageId = messageId, ExternalId = inbound.EventId, ReplyId = replyId });
    }
}

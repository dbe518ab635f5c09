using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Database;

namespace CampaignEngine.Web.Features.Responses;

/// <summary>
/// Withdraws a person's consent for one channel: the directory records it with time and source, and the ledger skips
/// every message still waiting for them on that channel, in every campaign — both in one transaction, so an opt-out
/// never stands without its messages stopped. The dispatcher checks consent again at send time, so a message claimed
/// a moment earlier is not sent either. An answer of the desk stopped so is told to its thread in the same transaction.
/// </summary>
internal sealed class Consent(Db db, CompatriotConsent consents, Desk.DeskAnswers answers, TimeProvider clock)
{
    public void OptOut(long compatriotId, string channel, string source)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        OptOut(connection, transaction, compatriotId, channel, source);
        transaction.Commit();
    }

    /// <summary>Every channel at once, or none: "no more messages from you" must not stop halfway.</summary>
    public void OptOutEverywhere(long compatriotId, string source)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var channel in Core.Reference.Vocabulary.Channels) OptOut(connection, transaction, compatriotId, channel, source);
        transaction.Commit();
    }

    /// <summary>The same, inside the caller's transaction (a provider's STOP reply is recorded with the opt-out, or neither).</summary>
    public void OptOut(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long compatriotId, string channel, string source)
    {
        CompatriotConsent.Withdraw(connection, transaction, compatriotId, channel, source, clock.GetUtcNow());
        var stopped = Ledger.SkipOptedOut(connection, transaction, compatriotId, channel);
        if (stopped.Count > 0)
            answers.Settled(connection, transaction, [.. stopped.Select(campaignId => new AnswerOutcome(campaignId, compatriotId, channel, false, Dispatcher.Skip.OptedOut))]);
    }

    public bool HasConsent(long compatriotId, string channel) => consents.Has(compatriotId, channel);
}

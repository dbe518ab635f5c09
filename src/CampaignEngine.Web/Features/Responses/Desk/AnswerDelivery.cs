using System.Globalization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Hangfire;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// Hangfire job keyed by the answer's id: puts one stored answer in the send ledger, on the channel the person wrote on,
/// as a system campaign of its own (purpose <c>desk-answer</c>, named <c>Answer {id}</c>), and lets the dispatcher send
/// it: opt-outs, quotas, crash safety and fallback are the pipeline's. Safe to repeat: the campaign is one per answer and
/// the ledger keeps one row per person and channel, so a second run (or a run after a crash) adds nothing.
/// </summary>
internal sealed class AnswerDelivery(Db db, CampaignStore campaigns, Ledger ledger, IBackgroundJobClient jobs)
{
    public const string Purpose = "desk-answer";
    public const string Template = "desk-answer";
    private const string NamePrefix = "Answer ";

    /// <summary>The system campaign of one answer: its name carries the answer's id, so the campaign leads back to it.</summary>
    public static string CampaignName(long answerId) => NamePrefix + answerId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The answer a desk-answer campaign carries, read from its name; null for any other name.</summary>
    public static long? AnswerIdOf(string campaignName) =>
        campaignName.StartsWith(NamePrefix, StringComparison.Ordinal)
        && long.TryParse(campaignName.AsSpan(NamePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    [AutomaticRetry(Attempts = 5)]
    public Task DeliverAsync(long answerId, CancellationToken cancellationToken)
    {
        if (Load(answerId) is not { } answer) return Task.CompletedTask;
        var channel = AnswerChannel.Choose(answer);
        var spec = new SystemCampaign(answer.ModuleId, CampaignName(answerId), Purpose, Template,
            // A person who asked waits for the answer: it may go at any hour of theirs, like a reply from a person would.
            "00:00", "24:00", SystemCampaignTitles.DeskAnswer, answer.AuthorId, Reopen: true, AnswerChannel.Order(answer, channel));
        var campaign = campaigns.EnsureSystem(spec);
        if (!HasMessage(campaign.Id))
        {
            var audience = new DynamicParameters(new { compatriotId = answer.CompatriotId });
            // The channel is the conversation's, whatever the person consents to now: the dispatcher checks consent at
            // send time and skips an opted-out channel as it does for every campaign.
            ledger.Write(new LedgerRequest(campaign.Id, "c.id = @compatriotId AND c.erased_at IS NULL", audience,
                $"'{Vocabulary.Channels.Single(c => c == channel)}'", (_, now) => now));
        }
        // The dispatcher's sweep may have found the new campaign empty and completed it before its row was written: once
        // the row stands, a completed campaign is opened again, or the row would wait in a campaign nothing dispatches.
        campaigns.EnsureSystem(spec);
        Record(answer, campaign.Id, channel);
        jobs.Enqueue<Dispatcher>(d => d.DispatchCampaignAsync(campaign.Id, CancellationToken.None));
        return Task.CompletedTask;
    }

    private StoredAnswer? Load(long answerId)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<StoredAnswer>($"""
            SELECT m.id AS Id, m.thread_id AS ThreadId, m.channel AS Channel, m.author_id AS AuthorId, m.campaign_id AS CampaignId,
                   t.module_id AS ModuleId, t.compatriot_id AS CompatriotId,
                   (SELECT s.channel FROM send_message s WHERE s.id = t.message_id) AS LinkChannel,
                   {AnswerChannel.PersonColumns}
            FROM response_thread_message m
            JOIN response_thread t ON t.id = m.thread_id
            JOIN directory_compatriot c ON c.id = t.compatriot_id
            WHERE m.id = @answerId AND m.kind = 'out'
            """, new { answerId });
    }

    private bool HasMessage(long campaignId)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long?>("SELECT 1 FROM send_message WHERE campaign_id = @campaignId LIMIT 1", new { campaignId }) is not null;
    }

    /// <summary>
    /// The answer now stands in the ledger: its campaign is kept on it (start-up recovery looks for answers without). Whether
    /// it reaches the person is the dispatcher's to find out at send time; it tells the thread (<see cref="DeskAnswers.Settled"/>).
    /// </summary>
    private void Record(StoredAnswer answer, long campaignId, string channel)
    {
        using var connection = db.Open();
        connection.Execute("""
            UPDATE response_thread_message SET campaign_id = @campaignId, channel = @channel WHERE id = @Id AND campaign_id IS NULL
            """, new { campaignId, channel, answer.Id });
    }
}

using System.Data;
using System.Globalization;
using CampaignEngine.Web.Features.Privacy;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// The send ledger's part: which messages a person got (without their link tokens), and on erasure new random
/// tokens (old links open nothing), waiting messages skipped, provider errors (which may quote an address)
/// dropped, and the person's blocks in the file outbox redacted. Rows stay: campaign counts must not change.
/// </summary>
internal sealed class SendingPersonalData(Db db, FileOutbox outbox) : IPersonalDataContributor
{
    /// <summary>The error of a message that was on its way when its recipient was erased: its batch file is searched too.</summary>
    public const string ErasedWhileSending = "erased while sending";

    public IReadOnlyList<PersonalColumns> Covers { get; } =
    [
        new("send_message", ["compatriot_id", "token", "error", "provider_id"]),
        // How many messages a capped person got each month (MonthlyCap): deleted on erasure, nothing more is sent to them.
        new("send_person_month", ["compatriot_id"]),
    ];

    public IEnumerable<KeyValuePair<string, object>> Export(IDbConnection connection, long compatriotId)
    {
        // Statuses only: the tracking tokens are keys to the person's pages and do not belong in a file that travels.
        yield return new("messages", connection.Query("""
            SELECT m.campaign_id AS "campaignId", c.name AS campaign, m.channel, m.language, m.status, m.sent_at AS "sentAt", m.clicked_at AS "clickedAt"
            FROM send_message m JOIN campaign c ON c.id = m.campaign_id WHERE m.compatriot_id = @compatriotId ORDER BY m.id
            """, new { compatriotId }).ToList());
    }

    public void Erase(IDbConnection connection, IDbTransaction transaction, long compatriotId, DateTimeOffset now) =>
        connection.Execute("""
            UPDATE send_message SET token = lower(hex(randomblob(16))),
                   status = CASE WHEN status IN ('pending', 'sending') THEN 'skipped' ELSE status END,
                   error = CASE status WHEN 'pending' THEN 'erased' WHEN 'sending' THEN @erasedWhileSending
                                ELSE CASE WHEN error IS NULL THEN NULL ELSE 'erased' END END
            WHERE compatriot_id = @compatriotId;
            DELETE FROM send_person_month WHERE compatriot_id = @compatriotId;
            """, new { compatriotId, erasedWhileSending = ErasedWhileSending }, transaction);

    /// <summary>
    /// The outbox files that hold the person's messages: the ones their sent rows name (provider id
    /// <c>messages-…txt#id</c>), and every file of a campaign whose message was on the wire at the erasure.
    /// </summary>
    public void EraseOutsideDatabase(long compatriotId)
    {
        using var connection = db.Open();
        var rows = connection.Query<(long Id, long CampaignId, string? ProviderId, string? Error)>("""
            SELECT id, campaign_id, provider_id, error FROM send_message WHERE compatriot_id = @compatriotId
            """, new { compatriotId }).ToList();
        if (rows.Count == 0) return;
        var ids = rows.Select(r => r.Id).ToHashSet();
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var folder = outbox.CampaignFolder(row.CampaignId);
            if (row.ProviderId is { } provider && OutboxFileName(provider) is { } name) files.Add(Path.Combine(folder, name));
            if (row.Error == ErasedWhileSending && Directory.Exists(folder))
                files.UnionWith(Directory.EnumerateFiles(folder, "messages-*.txt"));
        }
        foreach (var file in files) FileOutbox.Redact(file, ids);
    }

    // "messages-00000012.txt#12" → "messages-00000012.txt"; other providers' ids name no file.
    private static string? OutboxFileName(string providerId)
    {
        var hash = providerId.IndexOf('#', StringComparison.Ordinal);
        if (hash <= 0) return null;
        var name = providerId[..hash];
        return name.StartsWith("messages-", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal)
               && long.TryParse(name["messages-".Length..^4], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? name : null;
    }
}

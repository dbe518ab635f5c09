using System.Data.Common;
using CampaignEngine.Core.Reference;
using Dapper;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Compatriots;

/// <summary>What the tests of an import's batches share: the channel sets they cycle through, a row that may consent to any, and a person's consents.</summary>
internal static class ImportBatchRows
{
    public static readonly string[] ChannelSets = ["", "whatsapp", "whatsapp;sms", "telegram;email", "whatsapp;telegram;sms;email", "email"];

    /// <summary>A row with an e-mail address and a Telegram username, so that any set of channels is one it may consent to.</summary>
    public static string Row(int i, string id, string name, string region, string phone, string channels) =>
        Person(id, name, gender: i % 2 == 0 ? "ж" : "м", region: region, phone: phone, email: $"p{i}@example.kg",
                organization: i % 5 == 0 ? "Нарын жердештери" : "", channels: channels)
            .Replace($",{phone},,", $",{phone},@aigul_{i},", StringComparison.Ordinal);

    /// <summary>The person's consent columns, in the order of <see cref="Vocabulary.Channels"/>.</summary>
    public static IEnumerable<long> Consents(DbConnection connection, long id) =>
        connection.QuerySingle<(long, long, long, long)>($"SELECT {string.Join(", ", Vocabulary.Channels.Select(c => "consent_" + c))} FROM directory_compatriot WHERE id = @id", new { id })
            is var (a, b, c, d) ? [a, b, c, d] : [];
}

using System.Globalization;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Features.Sending;

namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>One message as the file outbox wrote it: its headers, body and the whole block.</summary>
public sealed record OutboxMessage(long Id, string Channel, string To, string Language, string Block)
{
    public string? TrackedToken => Regex.Match(Block, "/r/([0-9a-f]{32})") is { Success: true } m ? m.Groups[1].Value : null;
}

/// <summary>Reads the file outbox back into messages (one file per batch, one block per message).</summary>
public static class OutboxMessages
{
    public static IReadOnlyList<OutboxMessage> Read(string outboxRoot)
    {
        if (!Directory.Exists(outboxRoot)) return [];
        return Directory.GetFiles(outboxRoot, "*.txt", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadAllText(file).Split(FileOutbox.BlockStart, StringSplitOptions.RemoveEmptyEntries))
            .Select(Parse)
            .OrderBy(m => m.Id)
            .ToList();
    }

    private static OutboxMessage Parse(string block)
    {
        string Header(string name) => Regex.Match(block, $"^{name}: (.*)$", RegexOptions.Multiline).Groups[1].Value.TrimEnd('\r');
        var id = long.Parse(block[..block.IndexOf(' ')], CultureInfo.InvariantCulture);
        return new OutboxMessage(id, Header("Channel"), Header("To"), Header("Language"), FileOutbox.BlockStart + block);
    }
}

using System.Text.RegularExpressions;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>Reads what the file outbox "sent": the tracked link in a recipient's message, as they would tap it.</summary>
internal static partial class OutboxLinks
{
    [GeneratedRegex(@"https?://[^\s/]+/r/[0-9a-f]{32}")]
    private static partial Regex TrackedLink();

    /// <summary>The tracked link in the message the campaign sent to <paramref name="address"/>; waits for the file to appear.</summary>
    public static async Task<string> ForRecipientAsync(HostProcess host, long campaignId, string address, TimeSpan timeout)
    {
        var folder = Path.Combine(host.OutboxPath, $"campaign-{campaignId}");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.txt"))
                foreach (var text in (await File.ReadAllTextAsync(file)).Split("==== message "))
                {
                    // One file per batch, one block per message: the link must come from this recipient's block.
                    if (!text.Contains($"To: {address}\n") && !text.Contains($"To: {address}\r\n")) continue;
                    var match = TrackedLink().Match(text);
                    if (!match.Success) throw new InvalidOperationException($"{file} has no /r/<32 hex> link:\n{text}");
                    return match.Value;
                }
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No message to {address} in {folder} after {timeout.TotalSeconds} s.");
            await Task.Delay(250);
        }
    }
}

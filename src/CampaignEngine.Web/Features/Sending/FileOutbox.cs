using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Sending;

public sealed class OutboxOptions
{
    public string Path { get; set; } = "data/outbox";
}

/// <summary>
/// The default channel: every message becomes a readable file under <c>Outbox:Path</c>, one folder per
/// campaign, so a new user sees exactly what would be sent and to whom, without any provider account.
/// </summary>
public sealed class FileOutbox(IOptions<OutboxOptions> options) : IChannelSender
{
    private readonly string _root = System.IO.Path.GetFullPath(options.Value.Path);
    // Campaign folders already made, so a send does not ask the file system for the folder once per message.
    private readonly ConcurrentDictionary<long, string> _folders = new();

    public string Root => _root;

    public Task<SendOutcome> SendAsync(OutgoingMessage m, CancellationToken cancellationToken)
    {
        var folder = _folders.GetOrAdd(m.CampaignId, id => Directory.CreateDirectory(System.IO.Path.Combine(_root, $"campaign-{id}")).FullName);
        var file = System.IO.Path.Combine(folder, $"{m.MessageId:D8}-{m.Channel}-{m.Language}.txt");
        var body = m.Channel == "email" ? m.Text : m.Short;
        var content = new StringBuilder()
            .Append("Channel: ").AppendLine(m.Channel)
            .Append("To: ").AppendLine(m.Address)
            .Append("Language: ").AppendLine(m.Language)
            .Append("Subject: ").AppendLine(m.Subject)
            .Append("Message-Id: ").AppendLine($"{m.MessageId}@campaign-engine")
            .Append("List-Unsubscribe: ").AppendLine($"<{m.UnsubscribeUrl}>")
            .AppendLine()
            .AppendLine(body)
            .ToString();
        // Write to a temporary name and rename, so a reader never sees half a message.
        var temporary = file + ".tmp";
        // A small local file: the synchronous write is faster than the async one, which hops through the thread pool.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            File.WriteAllText(temporary, content, Encoding.UTF8);
        }
        catch (DirectoryNotFoundException)
        {
            // Someone cleared the outbox while the host runs: make the folder again.
            Directory.CreateDirectory(folder);
            File.WriteAllText(temporary, content, Encoding.UTF8);
        }
        File.Move(temporary, file, overwrite: true);
        return Task.FromResult(SendOutcome.Sent(System.IO.Path.GetFileName(file)));
    }
}

using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Sending;

public sealed class OutboxOptions
{
    public string Path { get; set; } = "data/outbox";
}

/// <summary>
/// The default channel: messages become readable text under <c>Outbox:Path</c>, one folder per campaign and
/// one file per dispatched batch (<c>messages-&lt;first id&gt;.txt</c>), each message a block that starts with
/// <c>==== message &lt;id&gt; ====</c>. A new user sees exactly what would be sent and to whom, without any
/// provider account. A batch sent again after a crash rewrites its own file instead of adding a second copy.
/// </summary>
public sealed class FileOutbox(IOptions<OutboxOptions> options) : IBatchChannelSender
{
    public const string BlockStart = "==== message ";

    private readonly string _root = System.IO.Path.GetFullPath(options.Value.Path);
    // Campaign folders already made, so a send does not ask the file system for the folder once per batch.
    private readonly ConcurrentDictionary<long, string> _folders = new();

    public string Root => _root;

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(SendBatch([message], cancellationToken)[0]);

    public IReadOnlyList<SendOutcome> SendBatch(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return [];
        cancellationToken.ThrowIfCancellationRequested();
        var first = messages[0];
        var folder = _folders.GetOrAdd(first.CampaignId, id => Directory.CreateDirectory(System.IO.Path.Combine(_root, $"campaign-{id}")).FullName);
        var name = $"messages-{first.MessageId:D8}.txt";
        var content = new StringBuilder(messages.Count * 1024);
        foreach (var message in messages) AppendBlock(content, message);
        Write(folder, name, content.ToString());
        return messages.Select(m => SendOutcome.Sent($"{name}#{m.MessageId}")).ToArray();
    }

    private static void AppendBlock(StringBuilder content, OutgoingMessage m)
    {
        content.Append(BlockStart).Append(m.MessageId.ToString("D8")).AppendLine(" ====")
            .Append("Channel: ").AppendLine(m.Channel)
            .Append("To: ").AppendLine(m.Address)
            .Append("Language: ").AppendLine(m.Language);
        if (m.Channel == "email") content.Append("Subject: ").AppendLine(m.Subject);
        content.Append("Message-Id: ").AppendLine($"{m.MessageId}@campaign-engine")
            .Append("List-Unsubscribe: ").AppendLine($"<{m.UnsubscribeUrl}>")
            .AppendLine()
            .AppendLine(m.Channel == "email" ? m.Text : m.Short)
            .AppendLine();
    }

    /// <summary>Writes to a temporary name and renames, so a reader never sees half a batch.</summary>
    private static void Write(string folder, string name, string content)
    {
        var file = System.IO.Path.Combine(folder, name);
        var temporary = file + ".tmp";
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
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Sending;

internal sealed class OutboxOptions
{
    public string Path { get; set; } = "data/outbox";
}

/// <summary>
/// The default channel: messages become readable text under <c>Outbox:Path</c>, one folder per campaign and
/// one file per dispatched batch (<c>messages-&lt;first id&gt;.txt</c>), each message a block that starts with
/// <c>==== message &lt;id&gt; ====</c>. A new user sees exactly what would be sent and to whom, without any
/// provider account. A batch sent again after a crash rewrites its own file instead of adding a second copy.
/// </summary>
internal sealed class FileOutbox(IOptions<OutboxOptions> options) : IBatchChannelSender
{
    public const string BlockStart = "==== message ";

    // Owner-only: messages carry names, phones and personal links.
    private readonly string _root = Infrastructure.Files.OwnerOnly.Folder(System.IO.Path.GetFullPath(options.Value.Path));
    // Campaign folders already made, so a send does not ask the file system for the folder once per batch.
    private readonly ConcurrentDictionary<long, string> _folders = new();

    public string Root => _root;

    /// <summary>The folder of one campaign's batch files (it may not exist yet).</summary>
    public string CampaignFolder(long campaignId) =>
        System.IO.Path.Combine(_root, string.Create(CultureInfo.InvariantCulture, $"campaign-{campaignId}"));

    /// <summary>The line a message's block is replaced by when its recipient is erased.</summary>
    public const string RedactedLine = "Redacted: the recipient's personal data were erased.";

    /// <summary>
    /// Replaces the blocks of <paramref name="messageIds"/> in one batch file by their header and <see cref="RedactedLine"/>
    /// (address, name, text and links gone), through a temporary file and a rename like a batch. Nothing to do, nothing written.
    /// </summary>
    public static void Redact(string file, IReadOnlySet<long> messageIds)
    {
        if (!File.Exists(file)) return;
        var blocks = File.ReadAllText(file, Encoding.UTF8).Split(BlockStart);
        var changed = false;
        for (var i = 1; i < blocks.Length; i++)
        {
            var end = blocks[i].IndexOf(' ', StringComparison.Ordinal);
            if (end <= 0 || !long.TryParse(blocks[i].AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || !messageIds.Contains(id)) continue;
            var redacted = string.Create(CultureInfo.InvariantCulture, $"{id:D8} ====\n{RedactedLine}\n\n");
            changed |= blocks[i] != redacted;
            blocks[i] = redacted;
        }
        if (!changed) return;
        var temporary = file + ".redact.tmp";
        using (var stream = new FileStream(temporary, Infrastructure.Files.OwnerOnly.NewFile()))
        using (var writer = new StreamWriter(stream, Encoding.UTF8))
            writer.Write(string.Join(BlockStart, blocks));
        File.Move(temporary, file, overwrite: true);
    }

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(SendBatch([message], cancellationToken)[0]);

    public IReadOnlyList<SendOutcome> SendBatch(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return [];
        cancellationToken.ThrowIfCancellationRequested();
        var first = messages[0];
        var folder = _folders.GetOrAdd(first.CampaignId, id => Infrastructure.Files.OwnerOnly.Folder(CampaignFolder(id)));
        var name = $"messages-{first.MessageId:D8}.txt";
        try
        {
            Write(folder, name, messages);
        }
        catch (DirectoryNotFoundException)
        {
            // Someone cleared the outbox while the host runs: make the folder again.
            Infrastructure.Files.OwnerOnly.Folder(folder);
            Write(folder, name, messages);
        }
        var sent = new SendOutcome[messages.Count];
        for (var i = 0; i < sent.Length; i++) sent[i] = SendOutcome.Sent($"{name}#{messages[i].MessageId}");
        return sent;
    }

    /// <summary>
    /// Streams the batch to a temporary name and renames it, so a reader never sees half a batch. Streamed, not built
    /// as one string: a batch is a few hundred kilobytes, and strings that large go to the large object heap, whose
    /// collections (several a second while sending) cost more than writing the files.
    /// </summary>
    private static void Write(string folder, string name, IReadOnlyList<OutgoingMessage> messages)
    {
        var file = System.IO.Path.Combine(folder, name);
        var temporary = file + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
        using (var writer = new StreamWriter(stream, Encoding.UTF8, bufferSize: 16 * 1024))
            foreach (var message in messages) WriteBlock(writer, message);
        File.Move(temporary, file, overwrite: true);
    }

    private static void WriteBlock(TextWriter writer, OutgoingMessage m)
    {
        writer.Write(BlockStart);
        writer.Write(m.MessageId.ToString("D8", CultureInfo.InvariantCulture));
        writer.WriteLine(" ====");
        writer.Write("Channel: ");
        writer.WriteLine(m.Channel);
        writer.Write("To: ");
        writer.WriteLine(m.Address);
        writer.Write("Language: ");
        writer.WriteLine(m.Language);
        if (m.Channel == "email")
        {
            writer.Write("Subject: ");
            writer.WriteLine(m.Subject);
        }
        writer.Write("Message-Id: ");
        writer.Write(m.MessageId);
        writer.WriteLine("@campaign-engine");
        writer.Write("List-Unsubscribe: <");
        writer.Write(m.UnsubscribeUrl);
        writer.WriteLine(">");
        writer.WriteLine();
        writer.WriteLine(m.Channel == "email" ? m.Text : m.Short);
        writer.WriteLine();
    }
}

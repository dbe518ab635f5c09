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

    public string Root => _root;

    public async Task<SendOutcome> SendAsync(OutgoingMessage m, CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.Combine(_root, $"campaign-{m.CampaignId}");
        Directory.CreateDirectory(folder);
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
        await File.WriteAllTextAsync(temporary, content, Encoding.UTF8, cancellationToken);
        File.Move(temporary, file, overwrite: true);
        return SendOutcome.Sent(System.IO.Path.GetFileName(file));
    }
}

using CampaignEngine.Web.Infrastructure.Jobs;
using Hangfire;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Responses.Desk.Email;

/// <summary>
/// Takes the reply mailbox's unseen messages into the desk, every minute. Each message is handed to
/// <see cref="EmailReplies"/> first and only then marked seen (or moved to the processed folder): a crash between the
/// two takes the message again at the next poll, and its Message-ID keeps it once. Reading a message does not mark it
/// seen (MailKit fetches with BODY.PEEK).
/// </summary>
internal sealed class MailboxPoller(IOptions<MailboxOptions> options, EmailReplies replies, ILogger<MailboxPoller> logger)
{
    public const string JobId = "desk-mailbox";

    /// <summary>Polls once; returns how many messages were taken. Two polls at once take nothing twice (by Message-ID).</summary>
    [AutomaticRetry(Attempts = 0)]   // the next minute's poll is the retry
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Host is not { Length: > 0 } host) return 0;
        using var client = new ImapClient();
        await client.ConnectAsync(host, settings.Port, settings.SocketOptions(), cancellationToken);
        await client.AuthenticateAsync(settings.User ?? "", settings.Password ?? "", cancellationToken);
        var folder = settings.Folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(settings.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var processed = string.IsNullOrWhiteSpace(settings.ProcessedFolder) ? null : await client.GetFolderAsync(settings.ProcessedFolder, cancellationToken);
        var unseen = await folder.SearchAsync(SearchQuery.NotSeen, cancellationToken);
        var taken = 0;
        foreach (var uid in unseen.Take(Math.Max(1, settings.BatchSize)))
        {
            var message = await folder.GetMessageAsync(uid, cancellationToken);
            var outcome = replies.Receive(message);
            if (processed is null) await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, cancellationToken);
            else await folder.MoveToAsync(uid, processed, cancellationToken);
            logger.LogInformation("Took message {Uid} of the reply mailbox: {Outcome}", uid.Id, outcome);
            taken++;
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
        return taken;
    }
}

/// <summary>Registers the minutely poll at startup when a mailbox is configured (the job store may have forgotten it), and removes it when not.</summary>
internal sealed class MailboxSchedule(IOptions<MailboxOptions> options, RecurringRegistration recurring) : AfterListening
{
    public override Task StartedAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Configured)
            recurring.AddOrUpdate<MailboxPoller>(MailboxPoller.JobId, p => p.PollAsync(CancellationToken.None), Cron.Minutely());
        else recurring.RemoveIfExists(MailboxPoller.JobId);
        return Task.CompletedTask;
    }
}

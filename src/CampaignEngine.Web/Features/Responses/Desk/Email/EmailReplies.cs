using System.Data;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Database;
using MimeKit;

namespace CampaignEngine.Web.Features.Responses.Desk.Email;

/// <summary>
/// The one reader of inbound e-mail, whichever way it came (the reply mailbox or the provider's inbound route). An
/// e-mail is linked to the message it answers (In-Reply-To / References naming one of our Message-IDs, kept by the
/// ledger as the message's provider id), else to the person who gave the sender's address, else kept as an unknown
/// sender; a STOP word opts the person out of e-mail instead, and automatic mail is left out. Each e-mail is taken once:
/// its Message-ID is remembered in the same transaction as its effect.
/// </summary>
internal sealed class EmailReplies(Db db, DeskIntake desk, Consent consent, TimeProvider clock, ILogger<EmailReplies> logger)
{
    public const string Channel = "email";

    /// <summary>
    /// How long a Message-ID is remembered for what leaves no desk item (a STOP); a desk item's Message-ID is kept with
    /// it for good, so a replay of a question changes nothing however late it comes.
    /// </summary>
    private static readonly TimeSpan Remember = TimeSpan.FromDays(90);

    public EmailOutcome Receive(MimeMessage message)
    {
        if (AutomaticMail.Kind(message) is { } automatic)
        {
            logger.LogInformation("An automatic e-mail ({Outcome}) was left out of the desk", automatic);
            return automatic;
        }
        var mail = InboundEmail.Read(message);
        if (mail.From is null) return EmailOutcome.NoSender;
        var now = clock.GetUtcNow();
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        // First, as the transaction's first write: a second host taking the same e-mail waits here, then sees it taken.
        if (!ProviderResponses.RememberFirst(connection, transaction, Channel, mail.ExternalId, now, now + Remember)) return EmailOutcome.Repeated;
        var (outcome, received) = Apply(connection, transaction, mail, now);
        // A repeated e-mail leaves nothing behind (no second reply row); anything else commits with its Message-ID.
        if (outcome == EmailOutcome.Repeated) return outcome;
        transaction.Commit();
        desk.Announce(received);
        return outcome;
    }

    private (EmailOutcome, DeskIntake.Received?) Apply(IDbConnection connection, IDbTransaction transaction, InboundEmail mail, DateTimeOffset now)
    {
        var (compatriotId, messageId) = Link(connection, transaction, mail);
        var replyId = compatriotId is { } person
            ? ProviderResponses.RecordReply(connection, transaction, messageId, person, Channel, mail.Text, mail.IsStop, now)
            : (long?)null;
        if (mail.IsStop)
        {
            // A STOP opts out and is not a question: it stays out of the desk (from a stranger it changes nothing).
            if (compatriotId is { } stopping) consent.OptOut(connection, transaction, stopping, Channel, "email-stop-word");
            return (EmailOutcome.Stop, null);
        }
        var received = desk.Receive(connection, transaction, new InboundItem(Channel, mail.Text, now)
        {
            CompatriotId = compatriotId, UnknownSender = compatriotId is null ? mail.From : null, MessageId = messageId,
            ExternalId = mail.ExternalId, EmailReference = mail.MessageId, EmailSubject = mail.Subject, ReplyId = replyId,
        });
        return (received is null ? EmailOutcome.Repeated : EmailOutcome.Received, received);
    }

    /// <summary>
    /// The person and the message: the newest of our Message-IDs the e-mail names (whoever writes from the mail we sent
    /// answers that message), else the person with the sender's address and their latest e-mail from us. A person erased
    /// on request is linked by neither: what they send now is kept as from an unknown sender.
    /// </summary>
    private static (long? CompatriotId, long? MessageId) Link(IDbConnection connection, IDbTransaction transaction, InboundEmail mail)
    {
        foreach (var reference in mail.Answers)
            if (Ledger.ByProviderId(connection, transaction, Channel, reference) is { } answered
                && !CompatriotQueries.IsErased(connection, transaction, answered.CompatriotId))
                return (answered.CompatriotId, answered.MessageId);
        return CompatriotQueries.WithEmail(connection, transaction, mail.From!) is { } person
            ? (person, Ledger.LatestMessage(connection, transaction, person, Channel))
            : (null, null);
    }
}

using CampaignEngine.Web.Features.Certificates.Verification;

namespace CampaignEngine.Web;

/// <summary>
/// Subcommands of the host executable. They are chosen before the web host is built, so they start no
/// server and make no network call (backup and restore open only the database files they name); each returns the
/// process exit code.
/// </summary>
internal static class Commands
{
    public delegate Task<int> Command(TextWriter output, TextWriter error);

    /// <summary>
    /// The subcommand named by <paramref name="args"/>, or null to run the web server. Only known names count:
    /// the server also takes bare <c>key=value</c> settings (<c>urls=http://…</c>), which must keep working.
    /// </summary>
    public static Command? Find(string[] args) => args.Length == 0 ? null : args[0] switch
    {
        "verify" => (output, error) => VerifyCommand.RunAsync(args[1..], output, error),
        "audit-verify" => (output, error) => Features.Audit.AuditVerifyCommand.RunAsync(args[1..], output, error),
        "backup" => (output, error) => Infrastructure.Database.BackupCommand.BackupAsync(args[1..], output, error),
        "restore" => (output, error) => Infrastructure.Database.BackupCommand.RestoreAsync(args[1..], output, error),
        _ => null,
    };
}

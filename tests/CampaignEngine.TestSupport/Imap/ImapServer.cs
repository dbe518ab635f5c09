using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace CampaignEngine.TestSupport.Imap;

/// <summary>
/// A real IMAP server for the tests: Debian's Dovecot with its own configuration in a temporary folder, one user from a
/// passwd file, plain login over loopback, mail in Maildir folders there. Absent locally it skips the test with the
/// reason; under CI=true its absence fails the test.
/// </summary>
public sealed class ImapServer : IDisposable
{
    public const string User = "replies";
    private const string Dovecot = "/usr/sbin/dovecot";
    private readonly Process _process;

    private ImapServer(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }
    public string Folder { get; }
    public string Password { get; } = "imap-" + Guid.NewGuid().ToString("N");

    public static async Task<ImapServer> StartAsync()
    {
        if (!File.Exists(Dovecot))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("dovecot is missing and CI=true: IMAP tests are mandatory on CI (apt-get install dovecot-imapd).");
            Skip.If(true, "dovecot-imapd is not installed (apt-get install dovecot-imapd); IMAP tests skipped. Under CI=true they fail instead.");
        }
        var folder = CreateFolder();
        var port = Ports.Free();
        var server = new ImapServer(DovecotProcess(folder), port, folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "passwd"), $"{User}:{{PLAIN}}{server.Password}\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "dovecot.conf"), Configuration(folder, port));
        server._process.Start();
        await server.WaitUntilListeningAsync();
        return server;
    }

    /// <summary>Puts a message in the user's inbox, unseen, as a mail server delivering it would.</summary>
    public async Task AppendAsync(MimeMessage message)
    {
        using var client = await ConnectAsync();
        await client.Inbox.AppendAsync(message, MessageFlags.None);
        await client.DisconnectAsync(true);
    }

    /// <summary>How many messages of the inbox are not yet marked seen.</summary>
    public async Task<int> UnseenAsync()
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var unseen = (await client.Inbox.SearchAsync(SearchQuery.NotSeen)).Count;
        await client.DisconnectAsync(true);
        return unseen;
    }

    /// <summary>Marks every message of the inbox unseen again: what the mailbox holds after a crash before the mark.</summary>
    public async Task MarkAllUnseenAsync()
    {
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        await client.Inbox.RemoveFlagsAsync(await client.Inbox.SearchAsync(SearchQuery.All), MessageFlags.Seen, silent: true);
        await client.DisconnectAsync(true);
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    /// <summary>
    /// Dovecot started by root gives mail to an unprivileged user (it refuses root) whose processes must reach the
    /// folder: the system's temp folder may be root's alone (mode 0700), so root's server lives under /var/tmp. Started
    /// by anyone else it runs "rootless", every process as that user, in the usual temp folder.
    /// </summary>
    private static string CreateFolder()
    {
        var parent = Environment.IsPrivilegedProcess ? Path.Combine("/var/tmp", "ce-imap") : Path.Combine(Path.GetTempPath(), "ce-imap");
        var folder = Path.Combine(parent, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "home"));
        if (Environment.IsPrivilegedProcess && OperatingSystem.IsLinux())
        {
            const UnixFileMode traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            File.SetUnixFileMode(parent, traversable);
            File.SetUnixFileMode(folder, traversable);
            Run("chown", "dovecot:dovecot", Path.Combine(folder, "home"));
        }
        return folder;
    }

    private static string Configuration(string folder, int port)
    {
        var privileged = Environment.IsPrivilegedProcess;
        var (uid, gid) = privileged ? (Id("-u", "dovecot"), Id("-g", "dovecot")) : (Id("-u", null), Id("-g", null));
        var self = Environment.UserName;
        var users = privileged
            // Root's server: its login and internal processes as Dovecot's own users, its authentication as root (the
            // passwd file is root's), the mail as the dovecot user.
            ? "default_login_user = dovenull\ndefault_internal_user = dovecot\nservice auth {\n  user = root\n}\n"
            : $"default_login_user = {self}\ndefault_internal_user = {self}\ndefault_internal_group = {Id("-gn", null)}\n";
        return $$"""
            base_dir = {{folder}}/run
            state_dir = {{folder}}/state
            log_path = {{folder}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            first_valid_uid = {{uid}}
            {{users}}
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{folder}}/passwd
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}} home={{folder}}/home/%u
            }
            mail_location = maildir:~/Maildir
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """;
    }

    /// <summary>Dovecot in the foreground (-F), so that killing the process stops the server.</summary>
    private static Process DovecotProcess(string folder)
    {
        var start = new ProcessStartInfo(Dovecot) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-F", "-c", Path.Combine(folder, "dovecot.conf") }) start.ArgumentList.Add(argument);
        return new Process { StartInfo = start };
    }

    private async Task WaitUntilListeningAsync()
    {
        // A configuration error ends the process at once with the reason on its error output; later ones go to its log.
        try { await Ports.WaitUntilListeningAsync(Port, _process, "dovecot", () => (_process.HasExited ? _process.StandardError.ReadToEnd() : "") + Log()); }
        catch
        {
            Dispose();
            throw;
        }
    }

    private string Log()
    {
        var log = Path.Combine(Folder, "dovecot.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }

    /// <summary><c>id</c>'s answer: a user's uid or gid (the current user's when <paramref name="user"/> is null), or a group name.</summary>
    private static string Id(string option, string? user) => Run("id", user is null ? [option] : [option, user]).Trim();

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {process.StandardError.ReadToEnd()}");
        return output;
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
        catch (InvalidOperationException) { /* not started, or already gone */ }
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

using System.Runtime.InteropServices;

namespace CampaignEngine.Web.Infrastructure.Files;

/// <summary>
/// The data folder holds migrants' personal data, the key ring and the outbox: on Unix nothing the host writes may be
/// readable by other accounts of the machine. The process's umask is set to 077 at start, so every file and folder it
/// creates (SQLite's log files, messages, uploads, key files, whatever a feature adds later) is 0600 or 0700 without
/// each writer having to remember; the folders the host owns are tightened too, for data from before this rule.
/// </summary>
internal static class OwnerOnly
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static int _restricted;

    /// <summary>Makes every file and folder the process creates from now on owner-only (no-op on Windows, where ACLs are inherited).</summary>
    public static void RestrictNewFiles()
    {
        if (OperatingSystem.IsWindows() || Interlocked.Exchange(ref _restricted, 1) == 1) return;
        try
        {
            // umask cannot fail; it returns the previous mask, which nothing here needs.
            _ = SetUmask(0b000_111_111);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without umask: the folders below are still created and tightened one by one.
        }
    }

    /// <summary>Creates the folder (and its parents) owner-only, and tightens it if it was there before.</summary>
    public static string Folder(string path)
    {
        if (OperatingSystem.IsWindows()) return Directory.CreateDirectory(path).FullName;
        var folder = Directory.CreateDirectory(path, FolderMode);
        if (folder.UnixFileMode != FolderMode) File.SetUnixFileMode(folder.FullName, FolderMode);
        return folder.FullName;
    }

    /// <summary>Tightens a file that exists (a database from before this rule); nothing when it does not.</summary>
    public static void TightenFile(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path)) return;
        if (File.GetUnixFileMode(path) != FileMode) File.SetUnixFileMode(path, FileMode);
    }

    /// <summary>Options for writing a new file owner-only, whatever the umask.</summary>
    public static FileStreamOptions NewFile(FileMode mode = System.IO.FileMode.Create) => OperatingSystem.IsWindows()
        ? new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None }
        : new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = FileMode };

    // DllImport rather than LibraryImport: the generated stub would need unsafe code in the whole assembly for one uint.
    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint SetUmask(uint mask);
}

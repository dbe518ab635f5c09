using System.Xml.Linq;
using CampaignEngine.Web.Infrastructure.Files;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CampaignEngine.Web.Infrastructure.DataProtection;

/// <summary>
/// The key ring as files in one folder, like ASP.NET Core's file system repository, but the folder is 0700 and each
/// key file 0600 on Unix whatever the umask: the files are what signs cookies and seals the certificate keys.
/// A key is written under a temporary name and renamed, so a crash never leaves half a key.
/// </summary>
internal sealed class OwnerOnlyXmlRepository(string folder) : IXmlRepository
{
    public string Folder { get; } = OwnerOnly.Folder(folder);

    public IReadOnlyCollection<XElement> GetAllElements() =>
        Directory.EnumerateFiles(Folder, "*.xml").Order(StringComparer.Ordinal).Select(file =>
        {
            OwnerOnly.TightenFile(file);
            using var stream = File.OpenRead(file);
            return XElement.Load(stream);
        }).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        var name = IsSafe(friendlyName) ? friendlyName : Guid.NewGuid().ToString();
        var file = Path.Combine(Folder, name + ".xml");
        var temporary = file + ".tmp";
        using (var stream = new FileStream(temporary, OwnerOnly.NewFile()))
            element.Save(stream);
        File.Move(temporary, file, overwrite: false);
    }

    // The friendly name is "key-<guid>"; anything else is not used as a file name.
    private static bool IsSafe(string name) => name.Length is > 0 and < 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

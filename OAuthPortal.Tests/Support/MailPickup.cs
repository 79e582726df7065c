namespace OAuthPortal.Tests.Support;

/// <summary>
/// A temporary pickup folder for the portal's e-mail (Portal:Email:PickupDirectory): the messages it sends arrive
/// there as .eml files, decoded enough to search (quoted-printable soft breaks and "=3D" undone).
/// </summary>
public sealed class MailPickup : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"oauthportal-mail-{Guid.NewGuid():N}");

    /// <summary>The settings that send the portal's e-mail here.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Portal:Email:From"] = "OAuthPortal <no-reply@portal.test>",
        ["Portal:Email:PickupDirectory"] = Folder,
    };

    public bool IsEmpty => !Directory.Exists(Folder) || !Directory.EnumerateFiles(Folder).Any();

    /// <summary>The messages that mention <paramref name="text"/>, once at least <paramref name="expected"/> have arrived (they are delivered in the background), or after 5 s.</summary>
    public async Task<string[]> WaitForAsync(string text, int expected = 1)
    {
        string[] found = [];
        for (var wait = 0; wait < 50 && found.Length < expected; wait++)
        {
            if (wait > 0)
            {
                await Task.Delay(100);
            }

            found = Directory.Exists(Folder)
                ? Directory.GetFiles(Folder, "*.eml").Select(Read).Where(m => m.Contains(text, StringComparison.Ordinal)).ToArray()
                : [];
        }

        return found;
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static string Read(string file) => File.ReadAllText(file).Replace("=\r\n", "").Replace("=\n", "").Replace("=3D", "=");
}

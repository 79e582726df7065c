namespace OAuthPortal.Tests.Support;

public static class RepositoryRoot
{
    /// <summary>The folder holding OAuthPortal.sln, found by walking up from the test binaries.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "OAuthPortal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("OAuthPortal.sln not found above " + AppContext.BaseDirectory);
    }
}

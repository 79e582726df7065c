using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OAuthPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddTokenScopeNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ScopeNames",
                table: "AccessTokens",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ScopeNames",
                table: "AccessTokens");
        }
    }
}

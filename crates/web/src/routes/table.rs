//! Every page route is added through [`Routes`], which remembers its method and path. The
//! authorization matrix test reads that list ([`super::route_table`]), so a new route without a
//! row in the matrix fails the test instead of going untested.

use axum::Router;
use axum::routing::MethodRouter;

use crate::state::AppState;

/// A router that records the method and path of every route it gets.
pub struct Routes {
    router: Router<AppState>,
    paths: Vec<(&'static str, &'static str)>,
}

impl Routes {
    pub fn new() -> Self {
        Self {
            router: Router::new(),
            paths: Vec::new(),
        }
    }

    /// `route` must answer GET (axum merges the methods of one path).
    pub fn get(self, path: &'static str, route: MethodRouter<AppState>) -> Self {
        self.add("GET", path, route)
    }

    /// `route` must answer POST.
    pub fn post(self, path: &'static str, route: MethodRouter<AppState>) -> Self {
        self.add("POST", path, route)
    }

    fn add(
        mut self,
        method: &'static str,
        path: &'static str,
        route: MethodRouter<AppState>,
    ) -> Self {
        self.paths.push((method, path));
        self.router = self.router.route(path, route);
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.paths.extend(other.paths);
        self.router = self.router.merge(other.router);
        self
    }

    pub fn paths(&self) -> &[(&'static str, &'static str)] {
        &self.paths
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}
